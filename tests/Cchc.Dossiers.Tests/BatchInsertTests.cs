using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Digitisation;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Ratings;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cchc.Dossiers.Tests;

/// <summary>
/// The intake's batch writes its rows with <see cref="BatchInsert"/>, not EF Core's SaveChanges: what it stores must be
/// what EF Core would have stored, column for column, JSON included.
/// </summary>
public sealed class BatchInsertTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000177";
    private readonly DossierScenario _scenario = new(fixture);

    public async Task InitializeAsync()
    {
        try
        {
            await _scenario.ProcedureAsync(Procedure, workingDays: 5);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rows_written_by_the_batch_insert_are_stored_exactly_as_EF_Core_stores_them()
    {
        var viaEf = Dossier($"QT.BATCH-EF-{Guid.NewGuid():N}");
        var viaBatch = Dossier($"QT.BATCH-BI-{Guid.NewGuid():N}");

        await InTransaction(async db =>
        {
            db.Dossiers.Add(viaEf);
            await db.SaveChangesAsync();
            db.AuditEntries.Add(Audit(viaEf.Id, "EF"));
            db.Events.Add(Event(viaEf.Code));
            db.DocumentAccesses.Add(Access(viaEf.Code));
            await db.SaveChangesAsync();
        });
        await InTransaction(async db =>
        {
            // The dossier's key from its sequence first, as the intake's batch takes it with its other reads.
            await using (var keys = new NpgsqlBatch(db.Database.NpgsqlConnection()) { BatchCommands = { BatchInsert.KeysCommand<Dossier>(db, 1) } })
            await using (var reader = await keys.ExecuteReaderAsync())
            {
                BatchInsert.AssignKeys(db, [viaBatch], await BatchInsert.ReadKeysAsync(reader, CancellationToken.None));
            }
            await BatchInsert.ExecuteAsync(db, CancellationToken.None,
                BatchInsert.Command(db, [viaBatch]),
                BatchInsert.Command(db, [Audit(viaBatch.Id, "BI")]),
                BatchInsert.Command(db, [Event(viaBatch.Code)]),
                BatchInsert.Command(db, [Access(viaBatch.Code)]));
        });
        var allocated = viaBatch.Id;
        Assert.True(allocated > viaEf.Id);

        // Every column as PostgreSQL holds it (jsonb compared as jsonb), but those that name the row.
        var stored = await _scenario.InDatabase(db => db.Database.SqlQuery<string>($"""
            SELECT (to_jsonb(d) - 'id' - 'code' - 'request_id' - 'lookup_secret_hash')::text AS "Value" FROM dossiers d WHERE code IN ({viaEf.Code}, {viaBatch.Code})
            UNION ALL SELECT (to_jsonb(a) - 'id' - 'dossier_id' - 'action')::text FROM dossier_audit a WHERE dossier_id IN ({viaEf.Id}, {allocated})
            UNION ALL SELECT (to_jsonb(e) - 'id' - 'dossier_code')::text FROM dossier_events e WHERE dossier_code IN ({viaEf.Code}, {viaBatch.Code})
            UNION ALL SELECT (to_jsonb(x) - 'id' - 'dossier_code')::text FROM document_accesses x WHERE dossier_code IN ({viaEf.Code}, {viaBatch.Code})
            UNION ALL SELECT string_agg(unit_code || ':' || status, ',' ORDER BY unit_code, status) FROM dossier_scope_units s WHERE dossier_id IN ({viaEf.Id}, {allocated}) GROUP BY dossier_id
            """).ToListAsync());
        Assert.Equal(10, stored.Count);
        for (var i = 0; i < stored.Count; i += 2)
        {
            Assert.Equal(stored[i], stored[i + 1]);
        }
        Assert.Contains("\"Kind\": \"Electronic\"", stored[0], StringComparison.Ordinal);
        Assert.Contains("\"rating_overall\": \"Dissatisfied\"", stored[0], StringComparison.Ordinal);

        // And EF Core reads the batch's dossier back as it was written, under the key it was given.
        var read = await _scenario.InDatabase(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == viaBatch.Code));
        Assert.Equal(allocated, read.Id);
        Assert.Equal(viaBatch.RequestId, read.RequestId);
        Assert.Equal(
            viaBatch.Papers.Select(p => (p.Name, p.Kind, p.Count, p.Code, p.DigitisedDocumentId, p.Reused)),
            read.Papers.Select(p => (p.Name, p.Kind, p.Count, p.Code, p.DigitisedDocumentId, p.Reused)));
    }

    [Fact]
    public async Task Dossiers_inserted_by_one_statement_each_get_the_units_on_their_own_paths_with_their_own_status()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var moved = Dossier($"QT.BATCH-M1-{tag}");
        var atDesk = Dossier($"QT.BATCH-M2-{tag}", receivingUnit: "QT.SYT.MC");
        atDesk.CurrentUnitCode = "QT.SYT.MC";
        atDesk.TransferredFromUnitCode = null;
        atDesk.Status = DossierStatus.Received;
        var deep = Dossier($"QT.BATCH-M3-{tag}", receivingUnit: "QT.STP.MC");
        deep.CurrentUnitCode = "QT.STP.HCTP.CT";
        deep.TransferredFromUnitCode = "";
        deep.Status = DossierStatus.InProgress;

        await InTransaction(async db =>
        {
            await using (var keys = new NpgsqlBatch(db.Database.NpgsqlConnection()) { BatchCommands = { BatchInsert.KeysCommand<Dossier>(db, 3) } })
            await using (var reader = await keys.ExecuteReaderAsync())
            {
                BatchInsert.AssignKeys(db, [moved, atDesk, deep], await BatchInsert.ReadKeysAsync(reader, CancellationToken.None));
            }
            await BatchInsert.ExecuteAsync(db, CancellationToken.None, BatchInsert.Command(db, [moved, atDesk, deep]));
        });

        var ids = new[] { moved.Id, atDesk.Id, deep.Id };
        var rows = await _scenario.InDatabase(db => db.ScopeUnits.AsNoTracking().Where(s => ids.Contains(s.DossierId)).ToListAsync());
        string[] Of(Dossier d) => [.. rows.Where(r => r.DossierId == d.Id).Select(r => $"{r.UnitCode}:{r.Status}").Order(StringComparer.Ordinal)];
        Assert.Equal(["QT.SKHCN.MC:SupplementRequested", "QT.SKHCN.TDC:SupplementRequested", "QT.SKHCN:SupplementRequested", "QT:SupplementRequested"], Of(moved));
        Assert.Equal(["QT.SYT.MC:Received", "QT.SYT:Received", "QT:Received"], Of(atDesk));
        Assert.Equal(["QT.STP.HCTP.CT:InProgress", "QT.STP.HCTP:InProgress", "QT.STP.MC:InProgress", "QT.STP:InProgress", "QT:InProgress"], Of(deep));
    }

    [Fact]
    public async Task A_batch_insert_outside_a_transaction_is_refused_and_writes_nothing()
    {
        var dossier = Dossier($"QT.BATCH-NT-{Guid.NewGuid():N}");
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => BatchInsert.ExecuteAsync(db, CancellationToken.None, BatchInsert.Command(db, [dossier])));

        Assert.False(await db.Dossiers.AnyAsync(d => d.Code == dossier.Code));
    }

    private async Task InTransaction(Func<DossiersDbContext, Task> work)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await work(db);
            await transaction.CommitAsync();
        });
    }

    /// <summary>A dossier with every column given a value other than its default, nullable ones included.</summary>
    private static Dossier Dossier(string code, string receivingUnit = DossierScenario.DeskUnit)
    {
        var at = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
        return new Dossier
        {
            Code = code,
            RequestId = Guid.NewGuid(),
            RequestFingerprint = "f1ngerpr1nt",
            ProcedureCode = Procedure,
            ProcedureVersion = 1,
            AgencyCode = DossierScenario.Agency,
            ReceivingUnitCode = receivingUnit,
            CurrentUnitCode = DossierScenario.QualityUnit,
            TransferredToAgencyCode = "QT.STP",
            TransferredFromUnitCode = DossierScenario.DeskUnit,
            Channel = IntakeChannel.Online,
            ApplicantKind = ApplicantKind.Organization,
            ApplicantIdentityNumber = "3200123456",
            ApplicantName = "Công ty TNHH Ánh Dương",
            ApplicantPhone = "0912345678",
            ApplicantEmail = "lienhe@anhduong.vn",
            ApplicantAddress = "12 Lê Duẩn, Đông Hà, Quảng Trị",
            Papers =
            [
                new DossierPaper { Name = "Đơn đề nghị \"công bố\"", Kind = PaperKind.Original, Count = 1 },
                new DossierPaper { Name = "Giấy chứng nhận", Kind = PaperKind.Electronic, Count = 2, Code = "GCN-01", DigitisedDocumentId = Guid.Parse("9f8e7d6c-5b4a-4321-8765-0123456789ab"), Reused = true },
            ],
            PapersDigitised = 1,
            PapersReused = 1,
            ResultDocumentId = Guid.Parse("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
            PaidOnline = true,
            RatedAt = at.AddDays(9),
            RatingOverall = SatisfactionLevel.Dissatisfied,
            Status = DossierStatus.SupplementRequested,
            Version = 7,
            SubmittedAt = at,
            ReceivedAt = at.AddMinutes(5),
            LegalStart = at.AddHours(1),
            DueAt = at.AddDays(7),
            LegalDueAt = at.AddDays(8),
            CalendarProvisional = true,
            PausedAt = at.AddDays(2),
            SupplementRequestCount = 2,
            SupplementRequirements = "Bổ sung bản sao",
            LastReason = "Thiếu giấy tờ",
            FinishedAt = at.AddDays(6),
            TargetDueAt = at.AddDays(5),
            PausedWorkingMinutes = 90,
            ProcessingWorkingMinutes = 1234,
            CurrentStepStartedAt = at.AddDays(1),
            CurrentStepAllowanceMinutes = 480,
            CurrentStepPausedMinutes = 30,
            LookupSecretHash = Guid.NewGuid().ToString("N"),
            UpdatedAt = at.AddDays(3),
        };
    }

    private static DossierAuditEntry Audit(long dossierId, string action) => new()
    {
        DossierId = dossierId,
        Action = action,
        ActorSubject = "desk-1",
        ActorName = "Nguyễn Văn A",
        ActorRoles = "desk_officer",
        At = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero),
        Reason = "lý do",
        Before = """{"status": 1, "code": "x"}""",
        After = """{"status": 2, "papers": [null, "a"]}""",
    };

    private static DossierEvent Event(string code) => ChangeFeedWriter.Event(
        new PendingEvent(DossierEventTypes.Received, code, new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), new { status = 2, name = "Đã tiếp nhận" }));

    private static DocumentAccess Access(string code) => new()
    {
        ApplicantKey = "ab12", Kind = DocumentAccessKind.ReusedWithConsent, DocumentId = Guid.Parse("9f8e7d6c-5b4a-4321-8765-0123456789ab"),
        DossierCode = code, AccessedBy = "desk-1", AccessedByAgency = DossierScenario.Agency, AccessedAt = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero),
        Basis = "Đồng ý bằng văn bản",
    };
}
