using System.Data.Common;
using Cchc.ChangeFeeds;
using Cchc.Indexes.Data;
using Microsoft.EntityFrameworkCore;
using Cchc.Indexes.Domain.ServiceIndex;
using Npgsql;

namespace Cchc.Indexes.ServiceIndex;

/// <summary>One indicator's figures for a scope and period.</summary>
public sealed record IndicatorFigure(IndicatorDefinition Definition, long Numerator, long Denominator, decimal? Ratio, decimal? Points,
    ManualIndicatorValue? Manual)
{
    public decimal? LostPoints => Points is { } p ? Definition.Max - p : null;
}

public sealed record ServiceIndexFigures(IReadOnlyList<IndicatorFigure> Indicators, long DossiersReceived, long AsOfSequence)
{
    public decimal TotalPoints => Indicators.Sum(i => i.Points ?? 0);
    public decimal ComputedLostPoints => Indicators.Where(i => i.Definition.Origin == IndicatorOrigin.Computed).Sum(i => i.LostPoints ?? 0);
    public int ManualMissing => Indicators.Count(i => i.Definition.Origin == IndicatorOrigin.Manual && i.Manual is null);
}

public sealed record LosingDossier(string DossierCode, string AgencyCode, string ReceivingUnitCode, string ProcedureCode, DateTimeOffset ReceivedAt, string Reason);

/// <summary>
/// Aggregates the dossier facts of one scope and period into the indicators (a GROUP BY over the facts
/// the feed keeps current, so a replay cannot double count). An unfinished dossier is judged at the
/// end of the period, or now while the period runs (reference §1.6, point 5).
/// </summary>
public sealed class ServiceIndexCalculator(IndexesDbContext db, ServiceIndexTallies tallies, TimeProvider clock)
{
    private const string Late = IndicatorRules.LateSql;
    private const string Dissatisfied = IndicatorRules.DissatisfiedSql;

    public static bool IsComputed(string indicatorCode) => IndicatorRules.Find(indicatorCode) is not null;

    /// <summary>
    /// The one scan a figure is computed from: every count over the scope's facts of the period. Parameters:
    /// <c>@scope</c>, <c>@year</c>, <c>@first_month</c>, <c>@judged_at</c>.
    /// </summary>
    public static string TallySql(ScopeKind scope, ReportingPeriod period) => $"""
        SELECT min(legal_due_at) FILTER (WHERE finished_at IS NULL AND paused_at IS NULL AND legal_due_at >= @judged_at),
          count(*),
          count(*) FILTER (WHERE {Late}),
          count(*) FILTER (WHERE {Dissatisfied}),
          {string.Join(",\n  ", IndicatorRules.All.Select(r => $"count(*) FILTER (WHERE {r.CountedSql}), count(*) FILTER (WHERE ({r.CountedSql}) AND ({r.MeetsSql}))"))}
        FROM dossier_facts WHERE {Where(scope, period)}
        """;

    public async Task<ServiceIndexFigures> ComputeAsync(ScopeKind scope, string scopeCode, ReportingPeriod period, CancellationToken cancellationToken)
    {
        // The cursor before the scan: should the consumer move it during the scan, the count is kept under the older
        // position and the next call scans again.
        var asOf = await FeedCursors.LastSequenceAsync(db, DossierFeedConsumer.FeedName, cancellationToken);
        var judgedAt = IndicatorRules.JudgedAt(period.End, clock.GetUtcNow());
        var kept = tallies.Find(scope, scopeCode, period, asOf, judgedAt);
        if (kept is null)
        {
            kept = await ScanAsync(scope, scopeCode, period, asOf, judgedAt, cancellationToken);
            tallies.Keep(scope, scopeCode, period, kept);
        }
        var tally = kept.Tally;
        var counts = tally.Counts;
        var received = tally.Received;

        var manual = await db.ManualIndicators.AsNoTracking()
            .Where(m => m.ScopeKind == scope && m.ScopeCode == scopeCode && m.PeriodKind == period.Kind && m.Period == period.ToString())
            .ToDictionaryAsync(m => m.IndicatorCode, cancellationToken);

        var figures = new List<IndicatorFigure>();
        foreach (var definition in Indicators.All)
        {
            if (definition.Origin == IndicatorOrigin.Manual)
            {
                var entered = manual.GetValueOrDefault(definition.Code);
                figures.Add(new IndicatorFigure(definition, 0, 0, entered?.Ratio, entered is null ? null : definition.Points(entered.Ratio), entered));
                continue;
            }
            var (counted, meets) = counts[definition.Code];
            var ratio = IndicatorRules.Ratio(definition.Code, tally);
            // Without a dossier to judge there is no ratio; the portal gives 5.4 zero points then, and so do we for every computed indicator.
            var points = ratio is { } r ? definition.Points(r) : 0m;
            figures.Add(new IndicatorFigure(definition, meets, counted, ratio is { } x ? Math.Round(x, 4, MidpointRounding.AwayFromZero) : null, points, null));
        }
        return new ServiceIndexFigures(figures, received, asOf);
    }

    private async Task<ServiceIndexTally> ScanAsync(ScopeKind scope, string scopeCode, ReportingPeriod period, long asOf, DateTimeOffset judgedAt,
        CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, (long Counted, long Meets)>(StringComparer.Ordinal);
        await using var command = await CommandAsync(TallySql(scope, period), scopeCode, period, judgedAt, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        DateTimeOffset? nextLateAt = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
        var (received, late, dissatisfied) = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        var column = 4;
        foreach (var rule in IndicatorRules.All)
        {
            counts[rule.Code] = (reader.GetInt64(column), reader.GetInt64(column + 1));
            column += 2;
        }
        return new ServiceIndexTally(new IndicatorTally(received, late, dissatisfied, counts), asOf, judgedAt, nextLateAt);
    }

    /// <summary>The dossiers that do not meet a computed indicator, by code after <paramref name="afterCode"/>.</summary>
    public async Task<IReadOnlyList<LosingDossier>> ListLosingAsync(string indicatorCode, ScopeKind scope, string scopeCode, ReportingPeriod period,
        string afterCode, int limit, CancellationToken cancellationToken, string? withinAgency = null)
    {
        var rule = IndicatorRules.Find(indicatorCode) ?? throw new ArgumentException($"{indicatorCode} is not a computed indicator", nameof(indicatorCode));
        // Only the dossiers of one agency (and its sub-units' codes) when the caller may see no others.
        var agencyFilter = withinAgency is null ? "" : " AND (agency_code = @within OR starts_with(agency_code, @within_prefix))";
        var sql = $"""
            SELECT dossier_code, agency_code, receiving_unit_code, procedure_code, received_at, {rule.ReasonSql}
            FROM dossier_facts
            WHERE {Where(scope, period)} AND ({rule.CountedSql}) AND NOT ({rule.MeetsSql}) AND dossier_code > @after{agencyFilter}
            ORDER BY dossier_code LIMIT @limit
            """;
        await using var command = await CommandAsync(sql, scopeCode, period, IndicatorRules.JudgedAt(period.End, clock.GetUtcNow()), cancellationToken);
        if (withinAgency is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("within", withinAgency));
            command.Parameters.Add(new NpgsqlParameter("within_prefix", withinAgency + "."));
        }
        command.Parameters.Add(new NpgsqlParameter("after", afterCode));
        command.Parameters.Add(new NpgsqlParameter("limit", limit));
        var list = new List<LosingDossier>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new LosingDossier(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
        }
        return list;
    }

    private static string Where(ScopeKind scope, ReportingPeriod period)
    {
        var column = scope switch
        {
            ScopeKind.Unit => "receiving_unit_code",
            ScopeKind.Agency => "agency_code",
            _ => "province_code",
        };
        var months = period.Kind switch
        {
            PeriodKind.Month => " AND received_month = @first_month",
            PeriodKind.Quarter => " AND received_month BETWEEN @first_month AND @first_month + 2",
            _ => "",
        };
        return $"received_at IS NOT NULL AND {column} = @scope AND received_year = @year{months}";
    }

    private async Task<DbCommand> CommandAsync(string sql, string scopeCode, ReportingPeriod period, DateTimeOffset judgedAt, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new NpgsqlParameter("scope", scopeCode));
        command.Parameters.Add(new NpgsqlParameter("year", period.Year));
        command.Parameters.Add(new NpgsqlParameter("first_month", period.Start.Month));
        command.Parameters.Add(new NpgsqlParameter("judged_at", judgedAt.ToUniversalTime()));
        return command;
    }
}
