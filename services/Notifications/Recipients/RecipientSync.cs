using Cchc.Directives.V1;
using Cchc.Notifications.Data;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Recipients;

/// <summary>
/// Takes the officials of the organisation registry (Directives) into the recipient directory: their
/// unit, whether they head it or sit in the leadership, whether they are still active, and — until
/// they give their own — the registry's work addresses. Preferences stay the officials' own. Runs at
/// start and every few minutes; officials no longer in the registry are left as they are.
/// </summary>
public sealed class RecipientSync(IServiceProvider services, OrganizationService.OrganizationServiceClient organization, IConfiguration configuration,
    ILogger<RecipientSync> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(configuration[$"services:{ServiceDefaults.Resources.Directives}:{ServiceDefaults.Resources.GrpcEndpoint}:0"]))
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var changed = await SyncAsync(stoppingToken);
                logger.LogInformation("Recipient directory synchronised with the organisation registry: {Changed} official(s) added or changed", changed);
            }
            catch (RpcException ex)
            {
                logger.LogWarning("The organisation registry could not be read ({Status}: {Detail}); the recipient directory is kept as it is until the next sync",
                    ex.StatusCode, ex.Status.Detail);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many recipients were added or changed.</returns>
    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        var roots = new List<string>();
        var token = "";
        do
        {
            var page = await organization.ListUnitsAsync(new ListUnitsRequest { PageSize = 500, PageToken = token }, cancellationToken: cancellationToken);
            roots.AddRange(page.Units.Where(u => u.ParentCode.Length == 0).Select(u => u.Code));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        var officials = new List<Official>();
        foreach (var root in roots)
        {
            officials.AddRange((await organization.ListOfficialsAsync(new ListOfficialsRequest { UnitCode = root, IncludeSubUnits = true, IncludeInactive = true },
                cancellationToken: cancellationToken)).Officials);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var stored = await db.Recipients.ToDictionaryAsync(r => r.OfficialId, cancellationToken);
        var changed = 0;
        var now = ServiceClock.System.UtcNow();
        foreach (var official in officials)
        {
            if (!stored.TryGetValue(official.OfficialId, out var recipient))
            {
                recipient = new Recipient { OfficialId = official.OfficialId, UnitCode = official.UnitCode };
                db.Recipients.Add(recipient);
            }
            var before = (recipient.DisplayName, recipient.UnitCode, recipient.UnitHead, recipient.Leadership, recipient.Administrator, recipient.Active, recipient.Email, recipient.Phone);
            recipient.DisplayName = official.FullName;
            recipient.UnitCode = official.UnitCode;
            recipient.UnitHead = official.UnitHead;
            recipient.Leadership = official.Roles.Contains(Roles.Leadership);
            recipient.Administrator = official.Roles.Contains(Roles.Administrator);
            recipient.Active = official.Active;
            if (!recipient.OwnAddresses)
            {
                recipient.Email = official.Email;
                recipient.Phone = official.Phone;
            }
            if (before != (recipient.DisplayName, recipient.UnitCode, recipient.UnitHead, recipient.Leadership, recipient.Administrator, recipient.Active, recipient.Email, recipient.Phone))
            {
                recipient.UpdatedAt = now;
                changed++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }
}
