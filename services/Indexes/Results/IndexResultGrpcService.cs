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

public sealed class IndexResultGrpcService(IndexesDbContext db, ResultRecordingHandler recordings) : IndexResultService.IndexResultServiceBase
{
    private const string ResultType = "cchc.indexes.v1.IndexResult";
    private const string SubjectType = "cchc.indexes.v1.Subject";

    [Authorize(Roles = $"{Roles.Administrator},{Roles.FollowUpOffice}")]
    public override async Task<RecordResultResponse> RecordResult(RecordResultRequest request, ServerCallContext context)
    {
        var (stored, fall) = await recordings.RecordAsync(request.Result, context.GetCaller(), context.CancellationToken);
        var response = new RecordResultResponse { Result = ResultContracts.ToContract(stored) };
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
        }
        return response;
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
            .Select(ResultContracts.ToContract));
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
                Total = ResultContracts.Format(point.Input.Total),
                Rank = point.Input.Rank ?? 0,
                RankedCount = point.Input.RankedCount ?? 0,
                TotalChange = ResultContracts.Format(point.TotalChange),
                PlacesLost = point.PlacesLost ?? 0,
                RankFell = point.RankFell,
                NationalAverage = ResultContracts.Format(point.NationalAverage),
                DifferenceToNational = ResultContracts.Format(point.DifferenceToNational),
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
}
