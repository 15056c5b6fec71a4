using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Data;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using System.Globalization;
using DossierStatus = Cchc.Dossiers.Domain.Lifecycle.DossierStatus;

namespace Cchc.Dossiers.Records;

/// <summary>Reads dossiers within the caller's scope.</summary>
public sealed class DossierReader(DossiersDbContext db, Procedures.ProcedureCache procedures, ServiceClock clock)
{
    public async Task<V1.Dossier> GetAsync(string code, Caller caller, CancellationToken cancellationToken)
    {
        var dossier = await db.Dossiers.AsNoTracking().Include(d => d.Procedure)
            .FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        // The same answer for a dossier out of scope as for no dossier: its existence is not the caller's to learn.
        if (dossier is null || !DossierScope.CanSee(caller, dossier))
        {
            throw RpcErrors.NotFound(TransitionHandler.ResourceType, code);
        }
        return await ViewAsync(dossier, cancellationToken);
    }

    /// <summary>The full view of a dossier already found, e.g. the one an action just changed, even if it left the caller's scope.</summary>
    public async Task<V1.Dossier> ViewAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        var steps = await db.Steps.AsNoTracking()
            .Where(s => s.DossierId == dossier.Id)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var letters = await db.ApologyLetters.AsNoTracking()
            .Where(l => l.DossierId == dossier.Id)
            .OrderBy(l => l.Number)
            .ToListAsync(cancellationToken);
        var transfers = await db.AgencyTransfers.AsNoTracking()
            .Where(t => t.DossierId == dossier.Id)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var rating = await db.Ratings.AsNoTracking().FirstOrDefaultAsync(r => r.DossierId == dossier.Id, cancellationToken);
        return DossierContracts.ToContract(dossier, new DossierHistory(steps, letters, transfers, rating), clock.UtcNow());
    }

    public async Task<ListDossiersResponse> ListAsync(ListDossiersRequest request, Caller caller, CancellationToken cancellationToken)
    {
        new Validation()
            .Require(request.UnitCode.Length <= 64, "unit_code", "must be at most 64 characters")
            .Require(request.Statuses.All(s => Enum.IsDefined((DossierStatus)(int)s)), "statuses", "must be national status codes 1–10")
            .ThrowIfInvalid();
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        long? afterId = null;
        if (after is not null)
        {
            afterId = long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw RpcErrors.InvalidArgument(new FieldViolation("page_token", "is not a token returned by a previous call"));
        }

        // An empty unit means the caller's whole scope, which for an administrator is everything.
        var unit = request.UnitCode.Length > 0 ? request.UnitCode : caller.ScopeUnit;
        if (unit is null ? !caller.IsIn(Roles.Administrator) : !caller.CanAccessUnit(unit))
        {
            throw DossierErrors.PermissionDenied("UNIT_OUT_OF_SCOPE", unit is null
                ? "Your token names no unit, so no dossier is within your scope."
                : $"Unit {unit} is outside your scope ({caller.ScopeUnit ?? "none"}).");
        }

        var page = await ReadPageAsync(unit, request.Statuses.Select(s => (int)s).Distinct().ToArray(), afterId ?? 0, pageSize + 1, cancellationToken);

        var now = clock.UtcNow();
        var response = new ListDossiersResponse();
        foreach (var d in page.Take(pageSize))
        {
            response.Dossiers.Add(DossierContracts.ToSummary(d, await procedures.NameAsync(db, d.ProcedureCode, d.ProcedureVersion, cancellationToken), now));
        }
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Id.ToString(CultureInfo.InvariantCulture));
        }
        return response;
    }

    /// <summary>
    /// The columns a summary shows (the paper count from the JSON in SQL; no procedure join, its name comes from the
    /// cache), in id order after <paramref name="afterId"/>. A unit's page reads, for each status asked for (all of them
    /// when none is), the ordered range of its scope rows (DossierScopeUnit, keyed by unit, status and dossier) up to a
    /// page, keeps the first page of their union and looks each dossier up by its key: a few index ranges and 51 rows,
    /// however many dossiers other units hold, wherever the page starts, however many sub-units the unit has and however
    /// few of its dossiers have the statuses asked for. The dossier is read in a LATERAL subquery that PostgreSQL cannot
    /// flatten (OFFSET 0): flattened into a join, the planner chose a merge join that walked every dossier of the
    /// province from the start of the page's range (9 ms for a first page, seconds deep in a busy unit's listing).
    /// </summary>
    private async Task<List<DossierSummaryRow>> ReadPageAsync(string? unit, int[] statuses, long afterId, int take, CancellationToken cancellationToken)
    {
        const string Columns = """
            d.id, d.code, d.version, d.status, d.procedure_code, d.procedure_version, d.applicant_name, d.receiving_unit_code,
            d.current_unit_code, d.received_at, d.due_at, d.legal_due_at, d.finished_at, d.paused_at, d.supplement_request_count,
            coalesce(jsonb_array_length(d.papers), 0), d.papers_digitised, d.papers_reused, d.result_document_id IS NOT NULL,
            d.paid_online, d.rated_at IS NOT NULL
            """;
        string sql;
        if (unit is null)
        {
            var statusFilter = statuses.Length > 0 ? "AND d.status = ANY (@statuses)" : "";
            sql = $"SELECT {Columns} FROM dossiers d WHERE d.id > @after {statusFilter} ORDER BY d.id LIMIT @take";
        }
        else
        {
            if (statuses.Length == 0)
            {
                statuses = AllStatuses;
            }
            sql = $"""
                WITH page AS (
                    SELECT s.dossier_id
                    FROM unnest(@statuses) AS st(status)
                    CROSS JOIN LATERAL (
                        SELECT u.dossier_id FROM dossier_scope_units u
                        WHERE u.unit_code = @unit AND u.status = st.status AND u.dossier_id > @after
                        ORDER BY u.dossier_id LIMIT @take) s
                    ORDER BY s.dossier_id LIMIT @take)
                SELECT {Columns}
                FROM page p
                CROSS JOIN LATERAL (SELECT * FROM dossiers d WHERE d.id = p.dossier_id OFFSET 0) d
                ORDER BY p.dossier_id
                """;
        }

        // EF's own open and close: it closes the connection after only if it opened it here.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.NpgsqlConnection();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter<long>("after", afterId));
            command.Parameters.Add(new NpgsqlParameter<int>("take", take));
            if (unit is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string>("unit", NpgsqlDbType.Varchar) { TypedValue = unit });
            }
            if (statuses.Length > 0)
            {
                command.Parameters.Add(new NpgsqlParameter<int[]>("statuses", statuses));
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<DossierSummaryRow>(take);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new DossierSummaryRow(
                    reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), (DossierStatus)reader.GetInt32(3), reader.GetString(4),
                    reader.GetInt32(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), NullableInstant(reader, 9),
                    reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11), NullableInstant(reader, 12),
                    NullableInstant(reader, 13), reader.GetInt32(14), reader.GetInt32(15), reader.GetInt32(16), reader.GetInt32(17),
                    reader.GetBoolean(18), reader.IsDBNull(19) ? null : reader.GetBoolean(19), reader.GetBoolean(20)));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static readonly int[] AllStatuses = [.. Enum.GetValues<DossierStatus>().Select(s => (int)s)];

    private static DateTimeOffset? NullableInstant(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}

/// <summary>What a list shows of one dossier, read as columns (<see cref="DossierContracts.ToSummary"/>).</summary>
public sealed record DossierSummaryRow(
    long Id, string Code, int Version, DossierStatus Status, string ProcedureCode, int ProcedureVersion, string ApplicantName,
    string ReceivingUnitCode, string CurrentUnitCode, DateTimeOffset? ReceivedAt, DateTimeOffset DueAt, DateTimeOffset LegalDueAt,
    DateTimeOffset? FinishedAt, DateTimeOffset? PausedAt, int SupplementRequestCount, int PapersTotal, int PapersDigitised,
    int PapersReused, bool ResultElectronic, bool? PaidOnline, bool Rated);
