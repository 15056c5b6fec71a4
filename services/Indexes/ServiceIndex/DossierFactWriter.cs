using Cchc.Indexes.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Cchc.Indexes.ServiceIndex;

/// <summary>
/// Writes a page's dossier facts in one statement: the rows as columns of arrays, unnested, inserted or, for a
/// dossier already known, updated — but only by a row that applied a later event (<c>last_sequence</c>), so a
/// page taken in twice, or out of order after a retry, never puts older facts back.
/// </summary>
public static class DossierFactWriter
{
    private const string Sql = """
        INSERT INTO dossier_facts (dossier_code, agency_code, province_code, receiving_unit_code, procedure_code, channel, status,
            received_at, received_year, received_month, legal_due_at, finished_at, paused_at, supplement_request_count,
            papers_total, papers_digitised, papers_reused, result_electronic, paid_online, satisfied, last_sequence)
        SELECT * FROM unnest(@dossier_code, @agency_code, @province_code, @receiving_unit_code, @procedure_code, @channel, @status,
            @received_at, @received_year, @received_month, @legal_due_at, @finished_at, @paused_at, @supplement_request_count,
            @papers_total, @papers_digitised, @papers_reused, @result_electronic, @paid_online, @satisfied, @last_sequence)
        ON CONFLICT (dossier_code) DO UPDATE SET
            agency_code = excluded.agency_code, province_code = excluded.province_code,
            receiving_unit_code = excluded.receiving_unit_code, procedure_code = excluded.procedure_code,
            channel = excluded.channel, status = excluded.status, received_at = excluded.received_at,
            received_year = excluded.received_year, received_month = excluded.received_month,
            legal_due_at = excluded.legal_due_at, finished_at = excluded.finished_at, paused_at = excluded.paused_at,
            supplement_request_count = excluded.supplement_request_count, papers_total = excluded.papers_total,
            papers_digitised = excluded.papers_digitised, papers_reused = excluded.papers_reused,
            result_electronic = excluded.result_electronic, paid_online = excluded.paid_online,
            satisfied = excluded.satisfied, last_sequence = excluded.last_sequence
        WHERE dossier_facts.last_sequence < excluded.last_sequence
        """;

    public static async Task UpsertAsync(IndexesDbContext db, IReadOnlyCollection<DossierFact> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return;
        }
        NpgsqlParameter Column<T>(string name, NpgsqlDbType type, Func<DossierFact, T> value) =>
            new(name, NpgsqlDbType.Array | type) { Value = facts.Select(value).ToArray() };
        object[] parameters =
        [
            Column("dossier_code", NpgsqlDbType.Text, f => f.DossierCode),
            Column("agency_code", NpgsqlDbType.Text, f => f.AgencyCode),
            Column("province_code", NpgsqlDbType.Text, f => f.ProvinceCode),
            Column("receiving_unit_code", NpgsqlDbType.Text, f => f.ReceivingUnitCode),
            Column("procedure_code", NpgsqlDbType.Text, f => f.ProcedureCode),
            Column("channel", NpgsqlDbType.Integer, f => f.Channel),
            Column("status", NpgsqlDbType.Integer, f => f.Status),
            Column("received_at", NpgsqlDbType.TimestampTz, f => f.ReceivedAt),
            Column("received_year", NpgsqlDbType.Integer, f => f.ReceivedYear),
            Column("received_month", NpgsqlDbType.Integer, f => f.ReceivedMonth),
            Column("legal_due_at", NpgsqlDbType.TimestampTz, f => f.LegalDueAt),
            Column("finished_at", NpgsqlDbType.TimestampTz, f => f.FinishedAt),
            Column("paused_at", NpgsqlDbType.TimestampTz, f => f.PausedAt),
            Column("supplement_request_count", NpgsqlDbType.Integer, f => f.SupplementRequestCount),
            Column("papers_total", NpgsqlDbType.Integer, f => f.PapersTotal),
            Column("papers_digitised", NpgsqlDbType.Integer, f => f.PapersDigitised),
            Column("papers_reused", NpgsqlDbType.Integer, f => f.PapersReused),
            Column("result_electronic", NpgsqlDbType.Boolean, f => f.ResultElectronic),
            Column("paid_online", NpgsqlDbType.Boolean, f => f.PaidOnline),
            Column("satisfied", NpgsqlDbType.Boolean, f => f.Satisfied),
            Column("last_sequence", NpgsqlDbType.Bigint, f => f.LastSequence),
        ];
        await db.Database.ExecuteSqlRawAsync(Sql, parameters, cancellationToken);
    }
}
