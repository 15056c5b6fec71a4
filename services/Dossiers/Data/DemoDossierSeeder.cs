using System.Diagnostics;
using Cchc.Dossiers.Apologies;
using Cchc.Dossiers.Digitisation;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.Ratings;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults.Security;
using Cchc.SharedKernel.Calendar;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using DomainAction = Cchc.Dossiers.Domain.Lifecycle.DossierAction;

namespace Cchc.Dossiers.Data;

/// <summary>Development demo catalogue: inserts the procedures that are missing, at start-up (fast).</summary>
public sealed class DemoProcedureSeeder : IDatabaseSeeder<DossiersDbContext>
{
    public async Task SeedAsync(DossiersDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Procedures.Select(p => p.Code).Distinct().ToListAsync(cancellationToken);
        db.Procedures.AddRange(DemoProcedures.All.Where(p => !existing.Contains(p.Code)));
        await db.SaveChangesAsync(cancellationToken);
    }
}

public sealed class DemoDataOptions
{
    public const string Section = "Dossiers:DemoData";
    /// <summary>How many demo dossiers to generate (Development only).</summary>
    public int Dossiers { get; set; } = 3000;
}

/// <summary>
/// Development demo dossiers, generated after start-up in the background (thousands of dossiers
/// through the domain handlers take minutes on a small machine, too long to hold the start): intake,
/// actions, supplements, apology letters, digitised papers and results and ratings go through the same
/// handlers as the RPCs, each on its own clock, so codes, appointments, audit rows, ledger rows and feed
/// events are what real use writes. Deterministic (fixed seed); a dossier whose request id is already
/// stored is skipped, so a restart adds nothing. A domain refusal (e.g. an apology date on a holiday)
/// leaves that dossier where it stood.
/// </summary>
public sealed class DemoDossierSeeder(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<DemoDataOptions> options,
    ServiceClock time, ILogger<DemoDossierSeeder> logger) : BackgroundService
{
    private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the number of dossiers added once the seeding has finished.</summary>
    public Task<int> Completed => _done.Task;

    private sealed class SeedTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static Caller Official(string role, string unit) => new($"demo.{role}", "Cán bộ minh họa", new HashSet<string> { role }, unit, DemoProcedures.Agency);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            _done.TrySetResult(await SeedAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _done.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Demo dossiers could not be seeded.");
            _done.TrySetException(ex);
        }
    }

    private async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(20250101);
        var procedures = DemoProcedures.All;
        var count = options.Value.Dossiers;
        // Everything the generator decides is drawn first, so the plan does not depend on what is already stored.
        var start = new DateTimeOffset(2025, 1, 2, 1, 0, 0, TimeSpan.Zero);
        // A fixed span, so the plan does not depend on the day it runs; dossiers planned after now wait
        // for a later start (each start adds those whose intake has come, and takes each up to now).
        var end = new DateTimeOffset(2027, 1, 1, 0, 0, 0, VietnamTime.Offset);
        var realNow = time.UtcNow();
        var span = (end - start).TotalDays;
        var plans = Enumerable.Range(0, count).Select(i => new Plan(
            new Guid(random.NextBytes16()),
            procedures[random.Next(procedures.Count)].Code,
            start.AddDays(Math.Floor(span * i / count)),
            random.Next(8 * 60, 16 * 60),
            random.Next(400),
            random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble())).ToList();

        HashSet<Guid> stored;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            var ids = plans.Select(p => p.RequestId).ToList();
            stored = (await db.Dossiers.Where(d => ids.Contains(d.RequestId)).Select(d => d.RequestId).ToListAsync(cancellationToken)).ToHashSet();
        }
        var added = 0;
        var refused = 0;
        foreach (var plan in plans.Where(p => !stored.Contains(p.RequestId)))
        {
            var outcome = await RunAsync(plan, realNow, cancellationToken);
            added += outcome == Outcome.NotYet ? 0 : 1;
            refused += outcome == Outcome.StoppedByRule ? 1 : 0;
        }
        logger.LogInformation("Demo dossiers: {Added} added ({Refused} stopped early by a domain rule) in {Elapsed}.", added, refused, watch.Elapsed);
        return added;
    }

    private sealed record Plan(Guid RequestId, string ProcedureCode, DateTimeOffset Day, int MinuteOfDay, int Applicant,
        double Channel, double Fate, double Speed, double Papers, double Rating);

    private enum Outcome
    {
        /// <summary>Its intake falls after now (the last working day's later hours): not received.</summary>
        NotYet,
        Done,
        /// <summary>A domain rule stopped it before its planned end.</summary>
        StoppedByRule,
    }

    /// <summary>One dossier's life, up to now.</summary>
    private async Task<Outcome> RunAsync(Plan plan, DateTimeOffset realNow, CancellationToken cancellationToken)
    {
        var day = plan.Day.ToOffset(VietnamTime.Offset).Date;
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        var seedTime = new SeedTime { Now = new DateTimeOffset(day.AddMinutes(plan.MinuteOfDay), VietnamTime.Offset).ToUniversalTime() };
        if (seedTime.Now > realNow)
        {
            return Outcome.NotYet;
        }
        var clock = new ServiceClock(seedTime);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var intake = ActivatorUtilities.CreateInstance<IntakeHandler>(services, clock);
        var transitions = ActivatorUtilities.CreateInstance<TransitionHandler>(services, clock);
        var apologies = ActivatorUtilities.CreateInstance<ApologyLetterHandler>(services, clock);
        var digitisation = ActivatorUtilities.CreateInstance<DigitisationHandler>(services, clock);
        var ratings = ActivatorUtilities.CreateInstance<RatingHandler>(services, clock);
        var desk = Official(Roles.DeskOfficer, DemoProcedures.Desk);
        var procedure = DemoProcedures.All.Single(p => p.Code == plan.ProcedureCode);
        var officer = Official(Roles.ProcessingOfficer, procedure.ProcessingUnitCode);
        var head = Official(Roles.UnitHead, procedure.ProcessingUnitCode);
        var online = plan.Channel < 0.55;
        var integrator = new Caller("demo.portal", "Cổng dịch vụ công tỉnh", new HashSet<string> { Roles.Integrator }, null, null);

        var request = new V1.ReceiveDossierRequest
        {
            RequestId = plan.RequestId.ToString(),
            ProcedureCode = procedure.Code,
            AgencyCode = DemoProcedures.Agency,
            ReceivingUnitCode = DemoProcedures.Desk,
            Channel = online ? V1.IntakeChannel.Online : plan.Channel < 0.95 ? V1.IntakeChannel.InPerson : V1.IntakeChannel.Post,
            Applicant = new V1.Applicant
            {
                Kind = V1.ApplicantKind.Organization,
                IdentityNumber = $"32{plan.Applicant:D8}",
                Name = $"Công ty TNHH Minh họa số {plan.Applicant + 1}",
                Phone = $"09{plan.Applicant:D8}",
                Address = "Đông Hà, tỉnh Quảng Trị",
            },
            Papers =
            {
                procedure.RequiredPapers.Select(p => new V1.Paper { Code = p.Code, Name = p.Name, Count = p.Count,
                    Kind = p.Kind == PaperKind.Copy ? V1.PaperKind.Copy : V1.PaperKind.Original }),
            },
        };
        var received = await intake.ReceiveAsync(IntakeRequest.Parse(request, online ? integrator : desk), online ? integrator : desk, cancellationToken);
        var code = received.Dossier.Code;
        var dossier = received.Dossier;

        bool At(DateTimeOffset when)
        {
            seedTime.Now = when;
            return when <= realNow;
        }
        async Task Act(Caller caller, DomainAction action, string reason = "", string requirements = "", string? next = null, bool paidOnline = false)
        {
            dossier = await transitions.ApplyAsync(code, dossier.Etag, new ActionInput(action, reason, requirements, next, null, PaidOnline: paidOnline), caller, cancellationToken);
        }
        var file = (string what) => new DigitisedFile($"{what}.pdf", "application/pdf", System.Text.Encoding.UTF8.GetBytes($"%PDF-1.7 {code} {what}"));

        try
        {
            var now = seedTime.Now;
            if (plan.Papers < 0.35)
            {
                dossier = (await digitisation.AttachPaperAsync(code, dossier.Etag, 1, file("GPKD"), desk, cancellationToken)).Dossier;
            }
            if (online)
            {
                if (!At(now.AddHours(2))) return Outcome.Done;
                if (plan.Fate < 0.04)
                {
                    await Act(desk, DomainAction.Refuse, "Hồ sơ không đúng thẩm quyền giải quyết");
                    return Outcome.Done;
                }
                await Act(desk, DomainAction.Receive);
                now = seedTime.Now;
            }
            if (plan.Fate is >= 0.04 and < 0.06)
            {
                if (!At(now.AddHours(1))) return Outcome.Done;
                await Act(desk, DomainAction.RequestWithdrawal);
                if (plan.Fate < 0.05 && At(now.AddDays(1)))
                {
                    await Act(head, DomainAction.Stop, "Tổ chức đề nghị rút hồ sơ");
                }
                return Outcome.Done;
            }
            if (!At(now.AddHours(1))) return Outcome.Done;
            await Act(desk, DomainAction.StartProcessing, next: procedure.ProcessingUnitCode);
            var legalStart = dossier.LegalStart;
            var allowed = dossier.LegalDueAt - legalStart;
            if (plan.Fate is >= 0.06 and < 0.08)
            {
                if (!At(seedTime.Now.AddDays(1))) return Outcome.Done;
                await Act(head, DomainAction.Stop, "Cơ sở không đáp ứng điều kiện theo quy định");
                return Outcome.Done;
            }
            if (plan.Fate is >= 0.08 and < 0.22)
            {
                if (!At(seedTime.Now.AddHours(3))) return Outcome.Done;
                await Act(officer, DomainAction.RequestSupplement, "Hồ sơ chưa đầy đủ", "Bổ sung hồ sơ kỹ thuật theo hướng dẫn");
                // Some applicants never come back with the papers: those wait for the supplement.
                if (plan.Speed > 0.85 || !At(seedTime.Now.AddDays(2 + plan.Speed * 5))) return Outcome.Done;
                await Act(desk, DomainAction.SupplementProvided);
            }
            var late = plan.Fate is >= 0.22 and < 0.32;
            if (plan.Fate is >= 0.22 and < 0.27)
            {
                if (!At(seedTime.Now.AddHours(4))) return Outcome.Done;
                var newDate = DateOnly.FromDateTime(dossier.DueAt.ToOffset(VietnamTime.Offset).Date).AddDays(7);
                while (newDate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    newDate = newDate.AddDays(1);
                }
                dossier = (await apologies.IssueAsync(new ApologyRequest(code, dossier.Etag, "Cần thêm thời gian thẩm định tại cơ sở", newDate,
                    "Sở Khoa học và Công nghệ tỉnh Quảng Trị", "Lãnh đạo Sở (minh họa)", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"), head, cancellationToken)).Dossier;
            }
            var finish = late
                ? dossier.LegalDueAt.AddDays(1 + plan.Speed * 6)
                : legalStart + allowed * (0.2 + 0.75 * plan.Speed);
            if (procedure.FeeVnd > 0)
            {
                if (!At(Max(seedTime.Now.AddMinutes(30), legalStart + allowed * 0.1))) return Outcome.Done;
                await Act(officer, DomainAction.RequestPayment);
                if (!At(seedTime.Now.AddHours(2))) return Outcome.Done;
                await Act(desk, DomainAction.PaymentConfirmed, paidOnline: online);
            }
            if (!At(Max(seedTime.Now.AddMinutes(30), finish))) return Outcome.Done;
            await Act(officer, DomainAction.CompleteResult);
            if (plan.Papers > 0.45)
            {
                dossier = (await digitisation.AttachResultAsync(code, dossier.Etag, "", file("ket-qua"), desk, cancellationToken)).Dossier;
            }
            if (plan.Rating > 0.9 || !At(seedTime.Now.AddDays(1 + plan.Rating * 3))) return Outcome.Done;
            await Act(desk, DomainAction.ReturnResult);
            if (plan.Rating < 0.45 && At(seedTime.Now.AddHours(5)))
            {
                var level = plan.Rating < 0.25 ? SatisfactionLevel.VerySatisfied : plan.Rating < 0.42 ? SatisfactionLevel.Satisfied : SatisfactionLevel.Dissatisfied;
                await ratings.RateAsync(new RatingInput(code, received.LookupSecret, level, [], ""), cancellationToken);
            }
            return Outcome.Done;
        }
        catch (RpcException ex)
        {
            logger.LogDebug("Demo dossier {Code} stopped at {Status}: {Message}", code, dossier.Status, ex.Status.Detail);
            return Outcome.StoppedByRule;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

internal static class RandomExtensions
{
    public static byte[] NextBytes16(this Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}
