using System.Globalization;
using Cchc.Indexes.ChangeFeed;
using Cchc.Indexes.Data;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Subject = Cchc.Indexes.Subjects.Subject;

namespace Cchc.Indexes.Results;

/// <summary>
/// Records a subject's published result in an index for a year, or corrects it: validates it against
/// the framework and the subject's lifetime, checks the caller's agency, keeps the replaced result as a
/// revision, and saves the result with its change-feed events (a fall in rank among them) in one transaction.
/// </summary>
public sealed class ResultRecordingHandler(IndexesDbContext db, ILogger<ResultRecordingHandler> logger)
{
    public async Task<(IndexResult Stored, RankFall? Fall)> RecordAsync(V1.IndexResult? input, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().Require(input is not null, "result", "is required").ThrowIfInvalid();
        var validation = new Validation()
            .RequireText(input!.FrameworkCode, "result.framework_code", 32)
            .RequireText(input.SubjectCode, "result.subject_code", 64)
            .Require(input.Year is >= 2000 and <= 2100, "result.year", "must be a year between 2000 and 2100")
            .Require(input.RankedCount >= 0, "result.ranked_count", "must not be negative")
            .Require(input.Rank >= 0, "result.rank", "must not be negative")
            .Require(input.Rank == 0 || input.Rank <= input.RankedCount, "result.rank", "must be between 1 and ranked_count")
            .RequireText(input.Source, "result.source", 500);
        var total = ParseDecimal(input.Total, "result.total", validation);

        var frameworkQuery = db.Frameworks.AsNoTracking().Include(f => f.Components).Where(f => f.Code == input.FrameworkCode);
        var framework = await (input.FrameworkVersion > 0 ? frameworkQuery.Where(f => f.Version == input.FrameworkVersion) : frameworkQuery.OrderByDescending(f => f.Version))
            .FirstOrDefaultAsync(cancellationToken);
        var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Code == input.SubjectCode, cancellationToken);
        validation
            .Require(framework is not null || input.FrameworkCode.Length == 0, "result.framework_code", $"no index framework '{input.FrameworkCode}'" + (input.FrameworkVersion > 0 ? $" in version {input.FrameworkVersion}" : ""))
            .Require(subject is not null || input.SubjectCode.Length == 0, "result.subject_code", $"no subject '{input.SubjectCode}'");
        if (subject is not null)
        {
            validation.Require(ExistedIn(subject, input.Year), "result.subject_code",
                $"'{subject.Code}' did not exist in {input.Year} (valid {subject.ValidFrom?.ToString("yyyy-MM-dd") ?? "…"} to {subject.ValidTo?.ToString("yyyy-MM-dd") ?? "…"})");
        }
        if (framework is not null && total is { } t)
        {
            validation.Require(t >= 0 && t <= framework.MaxTotal, "result.total", $"must be between 0 and {framework.MaxTotal:0.###}");
        }
        var scores = new List<ComponentScore>();
        foreach (var (component, i) in input.Components.Select((c, i) => (c, i)))
        {
            var definition = framework?.Components.FirstOrDefault(c => c.Code == component.ComponentCode);
            validation.Require(framework is null || definition is not null, $"result.components[{i}].component_code",
                $"'{component.ComponentCode}' is not a component of {input.FrameworkCode}");
            var score = ParseDecimal(component.Score, $"result.components[{i}].score", validation);
            if (score is { } s && definition?.MaxScore is { } max)
            {
                validation.Require(s >= 0 && s <= max, $"result.components[{i}].score", $"must be between 0 and {max:0.###}");
            }
            if (score is { } value && definition is not null)
            {
                scores.Add(new ComponentScore { ComponentCode = definition.Code, Score = value });
            }
        }
        validation.Require(scores.Select(s => s.ComponentCode).Distinct().Count() == scores.Count, "result.components", "each component may appear once");
        validation.ThrowIfInvalid();
        EnsureMayRecord(caller, subject!);

        var recordedBy = caller.Subject;
        // The result, its revision and its events commit together or not at all.
        var strategy = db.Database.CreateExecutionStrategy();
        var (stored, fall) = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var stored = await db.Results.Include(r => r.Components)
                .FirstOrDefaultAsync(r => r.FrameworkCode == framework!.Code && r.Year == input.Year && r.SubjectCode == subject!.Code, ct);
            if (stored is null)
            {
                stored = new IndexResult { FrameworkCode = framework!.Code, Year = input.Year, SubjectCode = subject!.Code };
                db.Results.Add(stored);
            }
            else
            {
                db.ResultRevisions.Add(new IndexResultRevision
                {
                    ResultId = stored.Id,
                    Revision = stored.Revision,
                    // The proto3 JSON of the result as it stood before the correction.
                    SnapshotJson = ResultContracts.ToContract(stored).ToString(),
                    ReplacedAt = ServiceClock.System.UtcNow(),
                    ReplacedBy = recordedBy,
                });
                stored.Revision++;
                stored.Components.Clear();
            }
            stored.FrameworkVersion = framework!.Version;
            stored.Total = total;
            stored.Rank = input.Rank == 0 ? null : input.Rank;
            stored.RankedCount = input.RankedCount == 0 ? null : input.RankedCount;
            stored.Source = input.Source.Trim();
            stored.Unconfirmed = input.Unconfirmed;
            stored.RecordedAt = ServiceClock.System.UtcNow();
            stored.RecordedBy = recordedBy;
            stored.Components.AddRange(scores);
            await db.SaveChangesAsync(ct);

            var fall = await RankFallAsync(stored, ct);
            await ChangeFeedWriter.AppendAsync(db, ResultEvents.For(framework!, subject!, stored, fall), ct);
            await transaction.CommitAsync(ct);
            return (stored, fall);
        }, cancellationToken);
        if (fall is not null)
        {
            logger.LogInformation("{Subject} fell from {PreviousRank} to {Rank} in {Framework} {Year}", stored.SubjectCode, fall.PreviousRank, fall.Rank, stored.FrameworkCode, stored.Year);
        }
        return (stored, fall);
    }

    /// <summary>
    /// Administrators record any subject's result; the follow-up office only those of a subject whose
    /// agency (the registry's agency answering for its ranks, e.g. QT for Quảng Trị) lies within its own
    /// agency. A subject without a known agency is left to administrators.
    /// </summary>
    private static void EnsureMayRecord(Caller caller, Subject subject)
    {
        if (caller.IsIn(Roles.Administrator))
        {
            return;
        }
        if (subject.AgencyCode is not { Length: > 0 } agency || !caller.CanAccessUnit(agency))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Results of {subject.Code} are recorded by an administrator or the follow-up office of {(subject.AgencyCode is { Length: > 0 } a ? $"agency {a}" : "its agency")}."));
        }
    }

    /// <summary>
    /// The subject's fall in rank in the stored year, read by <see cref="HistoryAnalysis"/> over its own
    /// series: compared with its previous ranked year among the same number of ranked subjects.
    /// </summary>
    private async Task<RankFall?> RankFallAsync(IndexResult stored, CancellationToken cancellationToken)
    {
        var series = await db.Results.AsNoTracking()
            .Where(r => r.FrameworkCode == stored.FrameworkCode && r.SubjectCode == stored.SubjectCode && r.Year <= stored.Year)
            .Select(r => new { r.Year, r.Total, r.Rank, r.RankedCount })
            .ToListAsync(cancellationToken);
        var points = HistoryAnalysis.Analyse(series.Select(r => new HistoryInput(r.Year, stored.SubjectCode, false, r.Total, r.Rank, r.RankedCount, [])),
            new Dictionary<int, decimal>());
        var point = points.Single(p => p.Input.Year == stored.Year);
        if (!point.RankFell)
        {
            return null;
        }
        var previous = series.Where(r => r.Year < stored.Year && r.Rank is not null && r.RankedCount == stored.RankedCount).MaxBy(r => r.Year)!;
        return new RankFall(previous.Year, previous.Rank!.Value, previous.RankedCount ?? 0, stored.Rank!.Value, stored.RankedCount ?? 0, point.PlacesLost!.Value);
    }

    private static bool ExistedIn(Subject subject, int year) =>
        (subject.ValidFrom is null || subject.ValidFrom.Value.Year <= year) && (subject.ValidTo is null || subject.ValidTo.Value.Year >= year);

    private static decimal? ParseDecimal(string text, string field, Validation validation)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        validation.Require(false, field, "must be a decimal number such as \"88.37\"");
        return null;
    }
}
