using System.Data.Common;
using System.Text;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Data;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Cchc.Dossiers.Statistics;

/// <summary>
/// Computes dossier statistics in one SQL statement: the dossiers of the period (by the intake index),
/// the scope and the procedure, grouped by the requested dimension with a total row (GROUPING SETS).
/// Nothing is loaded but the aggregated rows.
/// </summary>
public sealed class DossierStatisticsQuery(DossiersDbContext db)
{
    /// <summary>A working day at the default working hours (7:30–11:30, 13:30–17:00), for statutory times given in days.</summary>
    public const int WorkingDayMinutes = 450;

    public sealed record Filter(string? ScopeUnit, string? ProcedureCode, StatisticsPeriod Period, StatisticsGroupBy GroupBy, DateTimeOffset Now);

    public async Task<(List<DossierStatisticsRow> Rows, DossierStatisticsRow Total)> RunAsync(Filter filter, CancellationToken cancellationToken)
    {
        var key = filter.GroupBy switch
        {
            StatisticsGroupBy.Unit => "p.processing_unit_code",
            StatisticsGroupBy.Procedure => "d.procedure_code",
            StatisticsGroupBy.Month => "to_char((d.submitted_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM')",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.GroupBy, "Unknown grouping."),
        };
        var where = new StringBuilder("d.submitted_at >= @from AND d.submitted_at < @to");
        var parameters = new List<NpgsqlParameter>
        {
            new("from", NpgsqlDbType.TimestampTz) { Value = filter.Period.Start.UtcDateTime },
            new("to", NpgsqlDbType.TimestampTz) { Value = filter.Period.End.UtcDateTime },
            new("now", NpgsqlDbType.TimestampTz) { Value = filter.Now.UtcDateTime },
            new("day_minutes", NpgsqlDbType.Integer) { Value = WorkingDayMinutes },
        };
        if (filter.ScopeUnit is { } unit)
        {
            // The listing's rule (DossierScope): received at, held by, or sent to another agency by a unit of the
            // subtree, as the units the database keeps for each dossier (DossierScopeUnit).
            // The scope row's status is the dossier's (kept together by the database), so this is one key look-up.
            where.Append(" AND EXISTS (SELECT 1 FROM dossier_scope_units s WHERE s.unit_code = @unit AND s.status = d.status AND s.dossier_id = d.id)");
            parameters.Add(new("unit", NpgsqlDbType.Varchar) { Value = unit });
        }
        if (filter.ProcedureCode is { } procedure)
        {
            where.Append(" AND d.procedure_code = @procedure");
            parameters.Add(new("procedure", NpgsqlDbType.Varchar) { Value = procedure });
        }

        // Statuses: 1 submitted, 2 received, 3 refused, 4 in progress, 5 supplement requested,
        // 6 awaiting payment, 7 withdrawal requested, 8 stopped, 9 result ready, 10 result returned.
        var sql = $"""
            WITH f AS (
              SELECT {key} AS key,
                d.status,
                d.status IN (9, 10) AS done,
                d.status IN (1, 2, 4, 5, 6, 7) AS open,
                d.channel = 'Online' AS online,
                d.supplement_request_count > 1 OR d.finished_at > d.legal_due_at AS late,
                ((d.finished_at AT TIME ZONE 'UTC') + interval '7 hours')::date
                  < ((d.legal_due_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS early_day,
                d.status IN (2, 4, 5, 6)
                  AND (d.supplement_request_count > 1 OR coalesce(d.paused_at, @now) > d.legal_due_at) AS overdue,
                coalesce(json_array_length(d.papers::json), 0) AS papers,
                d.papers_digitised, d.papers_reused,
                d.result_document_id IS NOT NULL AS electronic,
                d.processing_working_minutes,
                CASE p.statutory_unit WHEN 1 THEN p.statutory_amount * 60 WHEN 2 THEN p.statutory_amount * @day_minutes END AS statutory_minutes,
                CASE p.statutory_unit WHEN 1 THEN p.target_amount * 60 WHEN 2 THEN p.target_amount * @day_minutes END AS target_minutes,
                d.target_due_at IS NOT NULL AS has_target,
                d.finished_at <= d.target_due_at AS target_met,
                d.rating_overall,
                (SELECT count(*) FROM dossier_apology_letters l WHERE l.dossier_id = d.id) AS letters
              FROM dossiers d
              JOIN procedures p ON p.code = d.procedure_code AND p.version = d.procedure_version
              WHERE {where}
            )
            SELECT grouping(key) = 1 AS is_total, key,
              count(*)::int,
              count(*) FILTER (WHERE open)::int,
              count(*) FILTER (WHERE done)::int,
              count(*) FILTER (WHERE done AND NOT late AND early_day)::int,
              count(*) FILTER (WHERE done AND NOT late AND NOT early_day)::int,
              count(*) FILTER (WHERE done AND late)::int,
              count(*) FILTER (WHERE overdue)::int,
              count(*) FILTER (WHERE status = 3)::int,
              count(*) FILTER (WHERE status = 8)::int,
              count(*) FILTER (WHERE status = 7)::int,
              coalesce(sum(letters), 0)::int,
              count(*) FILTER (WHERE letters > 0)::int,
              count(*) FILTER (WHERE online)::int,
              coalesce(sum(papers), 0)::int,
              coalesce(sum(papers_digitised), 0)::int,
              coalesce(sum(papers_reused), 0)::int,
              count(*) FILTER (WHERE done AND electronic)::int,
              avg(processing_working_minutes) FILTER (WHERE done)::float8,
              avg(statutory_minutes) FILTER (WHERE done)::float8,
              avg(target_minutes) FILTER (WHERE done AND has_target)::float8,
              count(*) FILTER (WHERE done AND has_target)::int,
              count(*) FILTER (WHERE done AND has_target AND target_met)::int,
              count(*) FILTER (WHERE rating_overall IS NOT NULL)::int,
              count(*) FILTER (WHERE rating_overall = 'VerySatisfied')::int,
              count(*) FILTER (WHERE rating_overall = 'Satisfied')::int,
              count(*) FILTER (WHERE rating_overall = 'Dissatisfied')::int
            FROM f
            GROUP BY GROUPING SETS ((key), ())
            ORDER BY is_total, key
            """;

        // EF's own open and close: it closes the connection after only if it opened it here.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.NpgsqlConnection();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<DossierStatisticsRow>();
            DossierStatisticsRow? total = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = Read(reader);
                if (reader.GetBoolean(0))
                {
                    total = row;
                }
                else
                {
                    rows.Add(row);
                }
            }
            return (rows, total ?? new DossierStatisticsRow());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DossierStatisticsRow Read(DbDataReader r)
    {
        var i = 1;
        var row = new DossierStatisticsRow
        {
            Key = r.IsDBNull(i++) ? "" : r.GetString(i - 1),
            Received = r.GetInt32(i++),
            InProgress = r.GetInt32(i++),
            Finished = r.GetInt32(i++),
            FinishedEarly = r.GetInt32(i++),
            FinishedOnTime = r.GetInt32(i++),
            FinishedLate = r.GetInt32(i++),
            OverdueNow = r.GetInt32(i++),
            Refused = r.GetInt32(i++),
            Stopped = r.GetInt32(i++),
            WithdrawalRequested = r.GetInt32(i++),
            ApologyLetters = r.GetInt32(i++),
            DossiersWithApology = r.GetInt32(i++),
            Online = r.GetInt32(i++),
            Papers = r.GetInt32(i++),
            PapersDigitised = r.GetInt32(i++),
            PapersReused = r.GetInt32(i++),
            ResultsElectronic = r.GetInt32(i++),
        };
        row.AverageProcessingTime = Minutes(r, i++);
        row.AverageStatutoryTime = Minutes(r, i++);
        row.AverageTargetTime = Minutes(r, i++);
        row.FinishedWithTarget = r.GetInt32(i++);
        row.TargetMet = r.GetInt32(i++);
        row.Rated = r.GetInt32(i++);
        row.RatedVerySatisfied = r.GetInt32(i++);
        row.RatedSatisfied = r.GetInt32(i++);
        row.RatedDissatisfied = r.GetInt32(i);

        row.OnlineShare = Share(row.Online, row.Received);
        row.DigitisedShare = Share(row.PapersDigitised, row.Papers);
        row.ReuseShare = Share(row.PapersReused, row.Papers);
        row.ElectronicResultShare = Share(row.ResultsElectronic, row.Finished);
        row.TargetMetShare = Share(row.TargetMet, row.FinishedWithTarget);
        row.SatisfactionShare = Share(row.RatedVerySatisfied + row.RatedSatisfied, row.Rated);
        row.OnTimeShare = Share(row.FinishedEarly + row.FinishedOnTime, row.Finished);
        return row;
    }

    /// <summary>A share rounded to four decimals; 0 when there is nothing to share.</summary>
    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>An average of working minutes, rounded to the whole minute; unset when nothing was averaged.</summary>
    private static Duration? Minutes(DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : Duration.FromTimeSpan(TimeSpan.FromMinutes(Math.Round(r.GetDouble(ordinal))));
}
