using System.Diagnostics;
using Cchc.Hosting.Local;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Npgsql;

namespace Cchc.Bench;

/// <summary>
/// Listing one unit's dossiers (ListDossiers through the gateway, by h2load) with many dossiers stored: the first
/// page, a deep page (by the page token the service gives at that position) and a sparse unit's first page,
/// each next to the same call straight to Dossiers and to a cheap call through the gateway (GetProcedure),
/// with its p99 at a modest load, the latency a user sees.
/// The dossiers are bulk-loaded in SQL as copies of one dossier received through the API, spread over
/// the department's units: fast, and the listing reads only the dossiers table, so the audit trail and
/// the feed the copies lack do not change what is measured.
/// </summary>
public static class ListingBenchmark
{
    private const string Agency = "QT.SKHCN";
    private const string Unit = "QT.SKHCN.QLCN";
    // A unit holding one dossier in a thousand: its pages cannot come from walking the table in id order.
    private const string SparseUnit = "QT.SKHCN.TTR";
    private static readonly string[] Units = ["QT.SKHCN.CCTDC", "QT.SKHCN.CCTDC", "QT.SKHCN.CCTDC", "QT.SKHCN.CCTDC", "QT.SKHCN.QLCN", "QT.SKHCN.QLCN", "QT.SKHCN.QLCN", "QT.SKHCN.QLKH", "QT.SKHCN.QLKH", "QT.SKHCN.MC"];

    /// <summary>
    /// The load a user's latency is read at: 4 connections offering 25 calls/s each (100 /s in all), up to 4 in
    /// flight per connection so a slow answer does not hold the next call back; 15 s measured for enough samples.
    /// </summary>
    private static readonly ExternalLoad.H2Load Modest = new(4, 4, RatePerConnection: 25, Seconds: 15);

    public static async Task RunAsync(AppHostProcess stack, int dossiers)
    {
        using var admin = Channels.For(stack, stack.DevelopmentTokens()["administrator"]);
        using var desk = Channels.For(stack, stack.DevelopmentTokens()["desk_officer"]);
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
                  0, 0, CASE WHEN g % 1000 = 7 THEN 5 WHEN g % 10 = 9 THEN 2 ELSE 4 END, 1,
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
        // Vacuumed and checkpointed before measuring: otherwise autovacuum's pass over a million new rows (and over the
        // scope rows the triggers wrote for them) and the checkpoint of the load's writes share the two cores with the
        // calls measured below.
        foreach (var maintenance in new[] { "VACUUM (ANALYZE) dossiers, dossier_scope_units", "CHECKPOINT" })
        {
            await using var command = source.CreateCommand(maintenance);
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
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
        Console.WriteLine($"bulk load: {dossiers} dossiers stored in {load.Elapsed.TotalSeconds:0.0} s ({dossiers / load.Elapsed.TotalSeconds:0} /s); {inUnit} held by {Unit}");

        // Every call below by h2load with the leadership's token, not the bench's own client: first a cheap call
        // proxied to Dossiers (the gateway's ceiling for a proxied call), then each listing "direct", straight to
        // Dossiers' own port (its ceiling without the gateway), and through the "gateway", at the throughput load
        // and at a modest one.
        var leadership = stack.DevelopmentTokens()["leadership"];
        var direct = await ExternalLoad.DirectGrpcEndpointAsync(stack, "Cchc.Dossiers", "dossiersdb");
        // Not printed: the gateway's and the listing's code paths served under load once before the first measured run.
        await ExternalLoad.UnaryAsync(stack.GatewayGrpc, "/cchc.dossiers.v1.DossierService/ListDossiers",
            new ListDossiersRequest { UnitCode = Unit, PageSize = 50 }, leadership, ExternalLoad.H2Load.WarmUp);
        const string GetProcedure = "/cchc.dossiers.v1.ProcedureCatalog/GetProcedure";
        var cheap = new GetProcedureRequest { Code = "9.999002" };
        var ceiling = await ExternalLoad.UnaryAsync(stack.GatewayGrpc, GetProcedure, cheap, leadership);
        ceiling.Print($"GetProcedure through the gateway, h2load {ExternalLoad.H2Load.Saturating.Label} (ceiling of a proxied call)");
        (await ExternalLoad.UnaryAsync(stack.GatewayGrpc, GetProcedure, cheap, leadership, Modest))
            .Print($"GetProcedure through the gateway, h2load {Modest.Label}");

        var token = PageTokens.Encode(deepAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ListAsync($"ListDossiers {Unit}, first page of 50",
            new ListDossiersRequest { UnitCode = Unit, PageSize = 50 });
        await ListAsync($"ListDossiers {Unit}, page at {inUnit / 2} (page_token)",
            new ListDossiersRequest { UnitCode = Unit, PageSize = 50, PageToken = token });
        await ListAsync($"ListDossiers {SparseUnit} (1 in 1000), first page",
            new ListDossiersRequest { UnitCode = SparseUnit, PageSize = 50 });
        await ListAsync($"ListDossiers {Agency} (the agency: all its units), first page",
            new ListDossiersRequest { UnitCode = Agency, PageSize = 50 });
        await ListAsync($"ListDossiers {Agency}, supplement requested (1 in 1000), first page",
            new ListDossiersRequest { UnitCode = Agency, PageSize = 50, Statuses = { DossierStatus.SupplementRequested } });

        async Task ListAsync(string what, ListDossiersRequest request)
        {
            const string ListDossiers = "/cchc.dossiers.v1.DossierService/ListDossiers";
            var before = ProcessCpu.Snapshot(stack);
            var d = await ExternalLoad.UnaryAsync(direct, ListDossiers, request, leadership);
            var after = ProcessCpu.Snapshot(stack);
            var g = await ExternalLoad.UnaryAsync(stack.GatewayGrpc, ListDossiers, request, leadership);
            var modest = await ExternalLoad.UnaryAsync(stack.GatewayGrpc, ListDossiers, request, leadership, Modest);
            d.Print($"{what}, h2load {ExternalLoad.H2Load.Saturating.Label}, direct (ceiling)");
            // The snapshots also cover h2load's 2 s of warm-up, at about the measured rate.
            ProcessCpu.Print(before, after, (int)Math.Max(1, d.PerSecond * (ExternalLoad.H2Load.Saturating.Seconds + 2)), "page (direct, about)");
            g.Print($"{what}, h2load {ExternalLoad.H2Load.Saturating.Label}, gateway");
            ExternalLoad.PrintRatio("gateway / direct", g.PerSecond / d.PerSecond, "the gateway's share");
            ExternalLoad.PrintRatio("gateway / GetProcedure through the gateway", g.PerSecond / ceiling.PerSecond, "the listing's own cost");
            modest.Print($"{what}, h2load {Modest.Label}, gateway");
            ExternalLoad.PrintGoal($"p99 through the gateway at {Modest.Label}", modest.P99Ms, goalMs: 20);
        }

        foreach (var unit in new[] { Unit, SparseUnit })
        {
            // The listing's query (DossierReader.ReadPageAsync) as the service sends it, fewer columns.
            await using var explain = source.CreateCommand($"""
                EXPLAIN (ANALYZE, BUFFERS)
                WITH page AS (
                    SELECT s.dossier_id
                    FROM unnest(ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) AS st(status)
                    CROSS JOIN LATERAL (
                        SELECT u.dossier_id FROM dossier_scope_units u
                        WHERE u.unit_code = '{unit}' AND u.status = st.status AND u.dossier_id > 0
                        ORDER BY u.dossier_id LIMIT 51) s
                    ORDER BY s.dossier_id LIMIT 51)
                SELECT d.id, d.code, d.status, d.current_unit_code
                FROM page p
                CROSS JOIN LATERAL (SELECT * FROM dossiers d WHERE d.id = p.dossier_id OFFSET 0) d
                ORDER BY p.dossier_id
                """);
            await using var plan = await explain.ExecuteReaderAsync();
            Console.WriteLine($"  plan of {unit}'s first page:");
            while (await plan.ReadAsync())
            {
                Console.WriteLine("  plan: " + plan.GetString(0));
            }
        }
    }
}
