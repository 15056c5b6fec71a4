using System.Diagnostics;
using Cchc.Hosting.Local;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Grpc.Health.V1;
using Npgsql;

namespace Cchc.Bench;

/// <summary>
/// Listing one unit's dossiers (ListDossiers through the gateway) with many dossiers stored: the first
/// page and a deep page (by the page token the service gives at that position), next to the ceilings.
/// The dossiers are bulk-loaded in SQL as copies of one dossier received through the API, spread over
/// the department's units: fast, and the listing reads only the dossiers table, so the audit trail and
/// the feed the copies lack do not change what is measured.
/// </summary>
public static class ListingBenchmark
{
    private const string Unit = "QT.SKHCN.QLCN";
    // A unit holding one dossier in a thousand: its pages cannot come from walking the table in id order.
    private const string SparseUnit = "QT.SKHCN.TTR";
    private static readonly string[] Units = ["QT.SKHCN.CCTDC", "QT.SKHCN.CCTDC", "QT.SKHCN.CCTDC", "QT.SKHCN.CCTDC", "QT.SKHCN.QLCN", "QT.SKHCN.QLCN", "QT.SKHCN.QLCN", "QT.SKHCN.QLKH", "QT.SKHCN.QLKH", "QT.SKHCN.MC"];

    public static async Task RunAsync(AppHostProcess stack, int dossiers, int calls)
    {
        using var admin = Channels.For(stack, stack.DevelopmentTokens()["administrator"]);
        using var desk = Channels.For(stack, stack.DevelopmentTokens()["desk_officer"]);
        using var head = Channels.For(stack, stack.DevelopmentTokens()["leadership"]);
        using var anonymous = Channels.For(stack, token: null);
        var catalogue = new ProcedureCatalog.ProcedureCatalogClient(admin);
        await catalogue.CreateProcedureAsync(new CreateProcedureRequest { Procedure = new Procedure
        {
            Code = "9.999002", Name = "Thủ tục đo tải danh sách", Field = "Hoạt động khoa học và công nghệ", AgencyCode = "QT.SKHCN",
            ProcessingUnitCode = Unit,
            StatutoryTime = new StatutoryTime { Amount = "10", Unit = DurationUnit.WorkingDays }, OnlineLevel = OnlineLevel.Full,
        } });
        var template = (await new DossierService.DossierServiceClient(desk).ReceiveDossierAsync(new ReceiveDossierRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Applicant = new Applicant { Kind = ApplicantKind.Person, IdentityNumber = "045090009999", Name = "Người nộp thử", Phone = "0912345678", Address = "Quảng Trị" },
            ProcedureCode = "9.999002", AgencyCode = "QT.SKHCN", Channel = IntakeChannel.InPerson,
            Papers = { new Paper { Name = "Tờ khai", Kind = PaperKind.Original, Count = 1 } },
        })).Receipt.DossierCode;

        await using var source = NpgsqlDataSource.Create(stack.PostgresConnectionString("dossiersdb"));
        var load = Stopwatch.StartNew();
        const int batch = 100_000;
        for (var from = 1; from <= dossiers; from += batch)
        {
            await using var insert = source.CreateCommand($"""
                INSERT INTO dossiers (code, request_id, request_fingerprint, procedure_code, procedure_version, agency_code,
                  receiving_unit_code, current_unit_code, channel, applicant_kind, applicant_identity_number, applicant_name,
                  applicant_phone, applicant_email, applicant_address, papers, papers_digitised, papers_reused, status, version,
                  submitted_at, received_at, legal_start, due_at, legal_due_at, supplement_request_count, supplement_requirements,
                  last_reason, paused_working_minutes, current_step_started_at, current_step_allowance_minutes,
                  current_step_paused_minutes, lookup_secret_hash, updated_at)
                SELECT 'QT.SKHCN-BENCH-' || g, md5('bench' || g)::uuid, t.request_fingerprint, t.procedure_code, t.procedure_version,
                  t.agency_code, 'QT.SKHCN.MC', CASE WHEN g % 1000 = 500 THEN '{SparseUnit}' ELSE (ARRAY['{string.Join("','", Units)}'])[1 + g % 10] END,
                  t.channel, t.applicant_kind,
                  t.applicant_identity_number, t.applicant_name, t.applicant_phone, t.applicant_email, t.applicant_address, t.papers,
                  0, 0, CASE WHEN g % 10 = 9 THEN 2 ELSE 4 END, 1,
                  t.submitted_at - (({dossiers} - g) * interval '30 seconds'), t.received_at - (({dossiers} - g) * interval '30 seconds'),
                  t.legal_start, t.due_at, t.legal_due_at, 0, '', '', 0, t.current_step_started_at, t.current_step_allowance_minutes, 0,
                  t.lookup_secret_hash, t.updated_at
                FROM dossiers t, generate_series({from}, {Math.Min(dossiers, from + batch - 1)}) g
                WHERE t.code = $1
                """);
            insert.Parameters.AddWithValue(template);
            insert.CommandTimeout = 600;
            await insert.ExecuteNonQueryAsync();
        }
        await using (var analyze = source.CreateCommand("ANALYZE dossiers"))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        load.Stop();
        long inUnit;
        long deepAfter;
        await using (var count = source.CreateCommand($"SELECT count(*) FROM dossiers WHERE current_unit_code = '{Unit}'"))
        {
            inUnit = (long)(await count.ExecuteScalarAsync())!;
        }
        // The key the service's page token carries at the middle of the unit's listing.
        await using (var middle = source.CreateCommand($"SELECT id FROM dossiers WHERE current_unit_code = '{Unit}' ORDER BY id OFFSET {inUnit / 2} LIMIT 1"))
        {
            deepAfter = (long)(await middle.ExecuteScalarAsync())!;
        }
        Console.WriteLine($"bulk load: {dossiers} dossiers in {load.Elapsed.TotalSeconds:0.0} s ({dossiers / load.Elapsed.TotalSeconds:0} /s); {inUnit} held by {Unit}");

        var health = new Health.HealthClient(anonymous);
        await DossierBenchmark.Measure("gRPC health check answered by the gateway itself (ceiling)", calls * 4, _ => health.CheckAsync(new HealthCheckRequest()).ResponseAsync);
        await DossierBenchmark.Measure("cheap call proxied to Dossiers (GetProcedure, ceiling)", calls * 2, _ => catalogue.GetProcedureAsync(new GetProcedureRequest { Code = "9.999002" }).ResponseAsync);
        await DossierBenchmark.InsertCeilingAsync(stack, calls * 2);

        var listing = new DossierService.DossierServiceClient(head);
        await DossierBenchmark.Measure($"ListDossiers of {Unit}, first page of 50, {dossiers} stored", calls,
            _ => listing.ListDossiersAsync(new ListDossiersRequest { UnitCode = Unit, PageSize = 50 }).ResponseAsync);
        var token = PageTokens.Encode(deepAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await DossierBenchmark.Measure($"ListDossiers of {Unit}, deep page (position {inUnit / 2}) via page_token", calls,
            _ => listing.ListDossiersAsync(new ListDossiersRequest { UnitCode = Unit, PageSize = 50, PageToken = token }).ResponseAsync);
        await DossierBenchmark.Measure($"ListDossiers of {SparseUnit} (1 in 1000 dossiers), first page of 50", calls,
            _ => listing.ListDossiersAsync(new ListDossiersRequest { UnitCode = SparseUnit, PageSize = 50 }).ResponseAsync);
        await using (var explain = source.CreateCommand($"""
            EXPLAIN (ANALYZE, BUFFERS) SELECT d.id FROM dossiers d
            WHERE (d.receiving_unit_code = '{SparseUnit}' OR d.receiving_unit_code LIKE '{SparseUnit}.%' OR d.current_unit_code = '{SparseUnit}'
               OR d.current_unit_code LIKE '{SparseUnit}.%' OR d.transferred_from_unit_code = '{SparseUnit}' OR d.transferred_from_unit_code LIKE '{SparseUnit}.%')
            ORDER BY d.id LIMIT 51
            """))
        await using (var plan = await explain.ExecuteReaderAsync())
        {
            while (await plan.ReadAsync())
            {
                Console.WriteLine("  plan: " + plan.GetString(0));
            }
        }
    }
}
