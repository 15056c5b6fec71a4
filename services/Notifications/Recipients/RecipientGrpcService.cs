using Cchc.SharedKernel.Organization;
using Cchc.Notifications.Data;
using Cchc.Notifications.Templates;
using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contract = Cchc.Notifications.V1;

namespace Cchc.Notifications.Recipients;

public sealed class RecipientGrpcService(NotificationsDbContext db) : RecipientService.RecipientServiceBase
{
    private const string ResourceType = "cchc.notifications.v1.Recipient";
    private static readonly string[] PreferencePaths = ["channels", "muted_kinds", "quiet_hours", "email", "phone"];

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<Contract.Recipient> UpsertRecipient(UpsertRecipientRequest request, ServerCallContext context)
    {
        var given = request.Recipient ?? new Contract.Recipient();
        var validation = new Validation()
            .RequireText(given.OfficialId, "recipient.official_id", 200)
            .RequireText(given.UnitCode, "recipient.unit_code", 64)
            .Require(given.UnitCode.Length == 0 || UnitCodes.IsValid(given.UnitCode), "recipient.unit_code", "must be a unit code such as QT.SKHCN.VP")
            .Require(given.DisplayName.Length <= 200, "recipient.display_name", "must be at most 200 characters");
        var preferences = given.Preferences ?? new Preferences();
        ValidatePreferences(validation, preferences, "recipient.preferences.");
        validation.ThrowIfInvalid();

        var recipient = await db.Recipients.FirstOrDefaultAsync(r => r.OfficialId == given.OfficialId, context.CancellationToken);
        if (recipient is null)
        {
            recipient = new Recipient { OfficialId = given.OfficialId, UnitCode = given.UnitCode };
            db.Recipients.Add(recipient);
        }
        recipient.DisplayName = given.DisplayName;
        recipient.UnitCode = given.UnitCode;
        recipient.UnitHead = given.UnitHead;
        recipient.Leadership = given.Leadership;
        recipient.Administrator = given.Administrator;
        recipient.Active = !given.Inactive;
        Apply(recipient, preferences, PreferencePaths);
        recipient.OwnAddresses = preferences.Email.Length > 0 || preferences.Phone.Length > 0;
        recipient.UpdatedAt = ServiceClock.System.UtcNow();
        await db.SaveChangesAsync(context.CancellationToken);
        return ToContract(recipient);
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<ListRecipientsResponse> ListRecipients(ListRecipientsRequest request, ServerCallContext context)
    {
        var query = db.Recipients.AsNoTracking();
        if (request.UnitCode.Length > 0)
        {
            query = query.Where(r => r.UnitCode == request.UnitCode || r.UnitCode.StartsWith(request.UnitCode + "."));
        }
        var response = new ListRecipientsResponse();
        response.Recipients.AddRange((await query.OrderBy(r => r.UnitCode).ThenBy(r => r.OfficialId).Take(5000).ToListAsync(context.CancellationToken)).Select(ToContract));
        return response;
    }

    [Authorize(Roles = Roles.AnyOfficial)]
    public override async Task<Contract.Recipient> GetMyPreferences(GetMyPreferencesRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.OfficialId == caller.Subject, context.CancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, caller.Subject);
        return ToContract(recipient);
    }

    [Authorize(Roles = Roles.AnyOfficial)]
    public override async Task<Contract.Recipient> UpdateMyPreferences(UpdateMyPreferencesRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var preferences = request.Preferences ?? new Preferences();
        var paths = request.UpdateMask?.Paths.Count > 0 ? request.UpdateMask.Paths.ToArray() : PreferencePaths;
        var validation = new Validation();
        foreach (var path in paths.Where(p => !PreferencePaths.Contains(p)))
        {
            validation.Require(false, "update_mask", $"'{path}' is not a field of Preferences; use {string.Join(", ", PreferencePaths)}");
        }
        ValidatePreferences(validation, preferences, "preferences.");
        validation.ThrowIfInvalid();
        var recipient = await db.Recipients.FirstOrDefaultAsync(r => r.OfficialId == caller.Subject, context.CancellationToken)
            ?? throw RpcErrors.FailedPrecondition("NOT_IN_DIRECTORY", caller.Subject,
                "You are not in the recipient directory yet; an administrator adds officials with their unit (RecipientService.UpsertRecipient).");
        Apply(recipient, preferences, paths);
        recipient.UpdatedAt = ServiceClock.System.UtcNow();
        await db.SaveChangesAsync(context.CancellationToken);
        return ToContract(recipient);
    }

    private static void ValidatePreferences(Validation validation, Preferences preferences, string prefix)
    {
        validation
            .Require(preferences.Channels.All(c => c is Channel.Email or Channel.Sms), prefix + "channels", "may hold CHANNEL_EMAIL and CHANNEL_SMS (in-app messages always arrive)")
            .Require(preferences.MutedKinds.All(k => k.Length is > 0 and <= 100), prefix + "muted_kinds", "must be message kinds such as task.deadline_approaching")
            .RequireOptionalEmail(preferences.Email, prefix + "email")
            .RequireOptionalPhone(preferences.Phone, prefix + "phone");
        var quiet = preferences.QuietHours ?? new Contract.QuietHours();
        validation
            .Require(QuietHours.TryParse(quiet.From, out _), prefix + "quiet_hours.from", "must be HH:mm")
            .Require(QuietHours.TryParse(quiet.Until, out _), prefix + "quiet_hours.until", "must be HH:mm")
            .Require((quiet.From.Length == 0) == (quiet.Until.Length == 0), prefix + "quiet_hours", "needs both from and until, or neither");
    }

    private static void Apply(Recipient recipient, Preferences preferences, IReadOnlyCollection<string> paths)
    {
        if (paths.Contains("channels"))
        {
            recipient.Channels = preferences.Channels.Select(c => (NotificationChannel)(int)c).Distinct().ToList();
        }
        if (paths.Contains("muted_kinds"))
        {
            recipient.MutedKinds = preferences.MutedKinds.Distinct().ToList();
        }
        if (paths.Contains("quiet_hours"))
        {
            var quiet = preferences.QuietHours ?? new Contract.QuietHours();
            QuietHours.TryParse(quiet.From, out var from);
            QuietHours.TryParse(quiet.Until, out var until);
            recipient.QuietFrom = from;
            recipient.QuietUntil = until;
        }
        if (paths.Contains("email"))
        {
            recipient.Email = preferences.Email;
            recipient.OwnAddresses = true;
        }
        if (paths.Contains("phone"))
        {
            recipient.Phone = preferences.Phone;
            recipient.OwnAddresses = true;
        }
    }

    private static Contract.Recipient ToContract(Recipient r)
    {
        var preferences = new Preferences
        {
            Email = r.Email,
            Phone = r.Phone,
            QuietHours = new Contract.QuietHours { From = r.QuietFrom?.ToString("HH:mm") ?? "", Until = r.QuietUntil?.ToString("HH:mm") ?? "" },
        };
        preferences.Channels.AddRange(r.Channels.Select(c => (Channel)(int)c));
        preferences.MutedKinds.AddRange(r.MutedKinds);
        return new Contract.Recipient
        {
            OfficialId = r.OfficialId,
            DisplayName = r.DisplayName,
            UnitCode = r.UnitCode,
            UnitHead = r.UnitHead,
            Leadership = r.Leadership,
            Administrator = r.Administrator,
            Inactive = !r.Active,
            Preferences = preferences,
            UpdateTime = Timestamp.FromDateTimeOffset(r.UpdatedAt),
        };
    }
}
