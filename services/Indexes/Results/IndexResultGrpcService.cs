using System.Globalization;

using Cchc.Indexes.ChangeFeed;
using Cchc.Indexes.Data;
using Cchc.Indexes.Subjects;
using Cchc.Indexes.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Subject = Cchc.Indexes.Subjects.Subject;
using SubjectKind = Cchc.Indexes.Subjects.SubjectKind;

namespace Cchc.Indexes.Results;

public sealed class IndexResultGrpcService(IndexesDbContext db, ILogger<IndexResultGrpcService> logger) : IndexResultService.IndexResultServiceBase
{
    private const string ResultType = "cchc.indexes.v1.IndexResult";
    private const string SubjectType = "cchc.indexes.v1.Subject";

    [Authorize(Roles = $"{Roles.Administrator},{Roles.FollowUpOffice}")]
    public override async Task<RecordResultResponse> RecordResult(RecordResultRequest request, ServerCallContext context)
    {
        var input = request.Result;
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
            .FirstOrDefaultAsync(context.CancellationToken);
        var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Code == input.SubjectCode, context.CancellationToken);
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
        EnsureMayRecord(context.GetCaller(), subject!);

        var caller = context.GetCaller().Subject;
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
                    SnapshotJson = ToContract(stored).ToString(),
                    ReplacedAt = ServiceClock.System.UtcNow(),
                    ReplacedBy = caller,
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
            stored.RecordedBy = caller;
            stored.Components.AddRange(scores);
            await db.SaveChangesAsync(ct);

            var fall = await RankFallAsync(stored, ct);
            await ChangeFeedWriter.AppendAsync(db, ResultEvents.For(framework!, subject!, stored, fall), ct);
            await transaction.CommitAsync(ct);
            return (stored, fall);
        }, context.CancellationToken);

        var response = new RecordResultResponse { Result = ToContract(stored) };
        if (fall is not null)
        {
            response.RankChange = new RankChange
            {
                PreviousYear = fall.PreviousYear,
                PreviousRank = fall.PreviousRank,
                PreviousRankedCount = fall.PreviousRankedCount,
                Rank = fall.Rank,
                RankedCount = fall.RankedCount,
                PlacesLost = fall.PlacesLost,
            };
            logger.LogInformation("{Subject} fell from {PreviousRank} to {Rank} in {Framework} {Year}", stored.SubjectCode, fall.PreviousRank, fall.Rank, stored.FrameworkCode, stored.Year);
        }
        return response;
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

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListResultsResponse> ListResults(ListResultsRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.FrameworkCode, "framework_code", 32)
            .Require(request.Year is >= 2000 and <= 2100, "year", "must be a year between 2000 and 2100").ThrowIfInvalid();
        var results = await db.Results.AsNoTracking().Include(r => r.Components)
            .Where(r => r.FrameworkCode == request.FrameworkCode && r.Year == request.Year)
            .ToListAsync(context.CancellationToken);
        var response = new ListResultsResponse();
        response.Results.AddRange(results
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenByDescending(r => r.Total).ThenBy(r => r.SubjectCode, StringComparer.Ordinal)
            .Select(ToContract));
        return response;
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetSubjectHistoryResponse> GetSubjectHistory(GetSubjectHistoryRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.SubjectCode, "subject_code", 64).RequireText(request.FrameworkCode, "framework_code", 32).ThrowIfInvalid();
        var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Code == request.SubjectCode, context.CancellationToken)
            ?? throw RpcErrors.NotFound(SubjectType, request.SubjectCode);
        var framework = await db.Frameworks.AsNoTracking().Include(f => f.Components)
            .Where(f => f.Code == request.FrameworkCode).OrderByDescending(f => f.Version).FirstOrDefaultAsync(context.CancellationToken)
            ?? throw RpcErrors.NotFound("cchc.indexes.v1.Framework", request.FrameworkCode);

        // The subject and every subject it continues, through any number of reorganisations.
        var lineage = new List<string> { subject.Code };
        var allSuccessions = await db.Successions.AsNoTracking().ToListAsync(context.CancellationToken);
        for (var i = 0; i < lineage.Count; i++)
        {
            lineage.AddRange(allSuccessions.Where(s => s.SuccessorCode == lineage[i] && !lineage.Contains(s.PredecessorCode)).Select(s => s.PredecessorCode));
        }
        var names = await db.Subjects.AsNoTracking().Where(s => lineage.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Name, context.CancellationToken);
        var results = await db.Results.AsNoTracking().Include(r => r.Components)
            .Where(r => r.FrameworkCode == framework.Code && (lineage.Contains(r.SubjectCode) || r.SubjectCode == ShippedSubjects.Nation))
            .ToListAsync(context.CancellationToken);
        var national = results.Where(r => r.SubjectCode == ShippedSubjects.Nation && r.Total is not null).ToDictionary(r => r.Year, r => r.Total!.Value);
        var maxima = framework.Components.ToDictionary(c => c.Code, c => c.MaxScore);
        var own = results.Where(r => r.SubjectCode != ShippedSubjects.Nation || subject.Code == ShippedSubjects.Nation).ToList();
        var points = HistoryAnalysis.Analyse(own.Select(r => new HistoryInput(r.Year, r.SubjectCode, r.SubjectCode != subject.Code, r.Total, r.Rank, r.RankedCount,
            r.Components.Select(c => (c.ComponentCode, c.Score, maxima.GetValueOrDefault(c.ComponentCode))).ToList())), national);
        var byKey = own.ToDictionary(r => (r.Year, r.SubjectCode));

        var response = new GetSubjectHistoryResponse { Subject = await ToContract(subject, context.CancellationToken), FrameworkCode = framework.Code };
        foreach (var point in points)
        {
            var stored = byKey[(point.Input.Year, point.Input.SubjectCode)];
            var yearPoint = new YearPoint
            {
                Year = point.Input.Year,
                SubjectCode = point.Input.SubjectCode,
                SubjectName = names.GetValueOrDefault(point.Input.SubjectCode, point.Input.SubjectCode),
                BeforeMerger = point.Input.BeforeMerger,
                Total = Format(point.Input.Total),
                Rank = point.Input.Rank ?? 0,
                RankedCount = point.Input.RankedCount ?? 0,
                TotalChange = Format(point.TotalChange),
                PlacesLost = point.PlacesLost ?? 0,
                RankFell = point.RankFell,
                NationalAverage = Format(point.NationalAverage),
                DifferenceToNational = Format(point.DifferenceToNational),
                Source = stored.Source,
                Unconfirmed = stored.Unconfirmed,
            };
            yearPoint.WeakestComponents.AddRange(point.WeakestComponents);
            response.Points.Add(yearPoint);
        }
        response.YearsRankFell.AddRange(points.Where(p => p.RankFell).Select(p => p.Input.Year).Distinct().Order());
        return response;
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListSubjectsResponse> ListSubjects(ListSubjectsRequest request, ServerCallContext context)
    {
        DateOnly? validOn = null;
        if (request.ValidOn.Length > 0)
        {
            if (!DateOnly.TryParseExact(request.ValidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw RpcErrors.InvalidArgument(new FieldViolation("valid_on", "must be a date as YYYY-MM-DD"));
            }
            validOn = date;
        }
        var subjects = await db.Subjects.AsNoTracking().OrderBy(s => s.Code).ToListAsync(context.CancellationToken);
        var successions = await db.Successions.AsNoTracking().ToListAsync(context.CancellationToken);
        var response = new ListSubjectsResponse();
        foreach (var subject in subjects.Where(s => validOn is null || (s.ValidFrom is null || s.ValidFrom <= validOn) && (s.ValidTo is null || s.ValidTo >= validOn)))
        {
            response.Subjects.Add(ToContract(subject, successions));
        }
        return response;
    }

    private async Task<V1.Subject> ToContract(Subject subject, CancellationToken cancellationToken) =>
        ToContract(subject, await db.Successions.AsNoTracking().Where(s => s.SuccessorCode == subject.Code).ToListAsync(cancellationToken));

    private static V1.Subject ToContract(Subject subject, IEnumerable<Succession> successions)
    {
        var result = new V1.Subject
        {
            Code = subject.Code,
            Name = subject.Name,
            Kind = (V1.SubjectKind)subject.Kind,
            ValidFrom = subject.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ValidTo = subject.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            AgencyCode = subject.AgencyCode ?? "",
        };
        result.PredecessorCodes.AddRange(successions.Where(s => s.SuccessorCode == subject.Code).Select(s => s.PredecessorCode).Order(StringComparer.Ordinal));
        return result;
    }

    private static V1.IndexResult ToContract(IndexResult r)
    {
        var result = new V1.IndexResult
        {
            FrameworkCode = r.FrameworkCode,
            FrameworkVersion = r.FrameworkVersion,
            Year = r.Year,
            SubjectCode = r.SubjectCode,
            Total = Format(r.Total),
            Rank = r.Rank ?? 0,
            RankedCount = r.RankedCount ?? 0,
            Source = r.Source,
            Unconfirmed = r.Unconfirmed,
            Revision = r.Revision,
            RecordTime = Timestamp.FromDateTimeOffset(r.RecordedAt),
        };
        result.Components.AddRange(r.Components.OrderBy(c => c.ComponentCode, StringComparer.Ordinal)
            .Select(c => new V1.ComponentScore { ComponentCode = c.ComponentCode, Score = Format(c.Score) }));
        return result;
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

    private static string Format(decimal? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
