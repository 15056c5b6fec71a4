using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>Digitised papers and results, stored once per applicant with their SHA-256 and reused at intake.</summary>
public sealed class DigitisationTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000701";
    private const string Certificate = "Giấy chứng nhận hợp chuẩn";
    private readonly DossierScenario _scenario;
    private readonly ProcedureCatalog.ProcedureCatalogClient _catalog;

    public DigitisationTests(DossiersFixture fixture)
    {
        _scenario = new DossierScenario(fixture);
        _catalog = new ProcedureCatalog.ProcedureCatalogClient(fixture.ClockedChannel(TestIdentity.Administrator));
    }

    private static string Desk => DeskOfficer();
    private static string Quality => ProcessingOfficer(QualityUnit);
    private DigitisedPapers.DigitisedPapersClient Papers(string token) => new(_scenario.Fixture.ClockedChannel(token));

    public async Task InitializeAsync()
    {
        try
        {
            await _scenario.ProcedureAsync(Procedure, workingDays: 5);
            // A later procedure that asks for the certificate and the application form.
            await _catalog.CreateProcedureAsync(new CreateProcedureRequest
            {
                Procedure = new Procedure
                {
                    Code = "1.000702",
                    Name = "Đăng ký công bố hợp quy",
                    Field = "Tiêu chuẩn, Đo lường, Chất lượng",
                    AgencyCode = Agency,
                    ProcessingUnitCode = QualityUnit,
                    StatutoryTime = new StatutoryTime { Amount = "5", Unit = DurationUnit.WorkingDays },
                    OnlineLevel = OnlineLevel.Full,
                    ResultKind = ResultKind.Certificate,
                    ResultName = "Thông báo tiếp nhận bản công bố hợp quy",
                    RequiredPapers =
                    {
                        new RequiredPaper { Code = "DON", Name = "Bản công bố hợp quy", Kind = PaperKind.Original, Count = 1 },
                        new RequiredPaper { Name = Certificate, Kind = PaperKind.Copy, Count = 1 },
                        new RequiredPaper { Name = "Giấy chứng nhận hợp chuẩn đã cấp", Kind = PaperKind.Copy, Count = 1 },
                    },
                },
            });
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<DossierReceipt> ReceiveAsync(string identity, string procedure = Procedure, Action<ReceiveDossierRequest>? details = null)
    {
        var request = NewIntake(procedure);
        request.Applicant.IdentityNumber = identity;
        details?.Invoke(request);
        return await _scenario.ReceiveAsync(request);
    }

    private static byte[] Scan(string text) => Encoding.UTF8.GetBytes($"%PDF-1.7 {text}");

    private async Task<AttachDigitisedPaperResponse> AttachAsync(string code, int paperIndex, byte[] content, string token = "")
    {
        token = token.Length > 0 ? token : Desk;
        var current = await _scenario.GetAsync(code, token);
        return await Papers(token).AttachDigitisedPaperAsync(new AttachDigitisedPaperRequest
        {
            DossierCode = code, Etag = current.Etag, PaperIndex = paperIndex,
            FileName = "giay-chung-nhan.pdf", MediaType = "application/pdf", Content = ByteString.CopyFrom(content),
        });
    }

    [Fact]
    public async Task A_scanned_paper_is_stored_with_its_SHA_256_and_read_back_from_the_dossier()
    {
        _scenario.At(2026, 6, 1, 9, 0);
        var receipt = await ReceiveAsync("045090000001");
        var content = Scan("chứng nhận số 123");

        var attached = await AttachAsync(receipt.DossierCode, 1, content);
        var read = await Papers(Desk).GetDigitisedDocumentAsync(new GetDigitisedDocumentRequest
        {
            DossierCode = receipt.DossierCode, DocumentId = attached.Document.Id,
        });
        var listed = await Papers(Desk).ListDigitisedDocumentsAsync(new ListDigitisedDocumentsRequest
        {
            ApplicantKind = ApplicantKind.Person, IdentityNumber = "045090000001",
        });

        Assert.False(attached.ExistingFile);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), attached.Document.Sha256);
        Assert.Equal((DigitisedDocumentKind.Paper, Certificate, (long)content.Length), (attached.Document.Kind, attached.Document.Name, attached.Document.SizeBytes));
        Assert.Equal((1, 0), (attached.Dossier.PapersDigitised, attached.Dossier.PapersReused));
        Assert.Equal((true, false, attached.Document.Id), (attached.Dossier.Papers[1].Digitised, attached.Dossier.Papers[1].Reused, attached.Dossier.Papers[1].DocumentId));
        Assert.False(attached.Dossier.Papers[0].Digitised);
        Assert.Equal(content, read.Content.ToByteArray());
        Assert.Equal([attached.Document], listed.Documents);
        Assert.Equal(receipt.DossierCode, attached.Document.SourceDossierCode);
        // A unit that neither received nor holds the dossier cannot open its files.
        await RpcAssert.FailsWith(StatusCode.NotFound, () => Papers(Quality).GetDigitisedDocumentAsync(new GetDigitisedDocumentRequest
        {
            DossierCode = receipt.DossierCode, DocumentId = attached.Document.Id,
        }).ResponseAsync);
    }

    [Fact]
    public async Task A_paper_the_applicant_had_digitised_is_reused_at_intake_and_a_required_one_is_added_without_being_asked_for()
    {
        _scenario.At(2026, 6, 2, 9, 0);
        var first = await ReceiveAsync("045090000002");
        var certificate = (await AttachAsync(first.DossierCode, 1, Scan("GCN 2026/002"))).Document;

        _scenario.At(2026, 6, 9, 9, 0);
        // The application form only: the certificate the procedure also requires comes from the store.
        var later = await ReceiveAsync("045090000002", "1.000702", r =>
        {
            r.Papers.Clear();
            r.Papers.Add(new Paper { Code = "DON", Name = "Bản công bố hợp quy", Kind = PaperKind.Original, Count = 1 });
        });
        // The same paper listed by name, with other case and spacing, is reused too.
        var listed = await ReceiveAsync("045090000002", details: r => r.Papers[1].Name = "giấy chứng nhận  HỢP CHUẨN");
        var stranger = await ReceiveAsync("045090000099", "1.000702", r => r.Papers.RemoveAt(1));

        var reused = Assert.Single(later.Papers, p => p.Reused);
        Assert.Equal((Certificate, PaperKind.Electronic, true, certificate.Id), (reused.Name, reused.Kind, reused.Digitised, reused.DocumentId));
        Assert.Equal(2, later.Papers.Count);
        Assert.False(later.Papers[0].Reused);
        Assert.True(listed.Papers[1].Reused);
        Assert.Equal(certificate.Id, listed.Papers[1].DocumentId);
        Assert.DoesNotContain(stranger.Papers, p => p.Reused || p.Digitised);
        var received = Assert.Single(await _scenario.ChangesOf(later.DossierCode), c => c.Type == DossierEventTypes.Received).Payload.Fields;
        Assert.Equal((2, 1, 1), ((int)received["papersTotal"].NumberValue, (int)received["papersDigitised"].NumberValue, (int)received["papersReused"].NumberValue));
        var summary = (await _scenario.Dossiers(Desk).ListDossiersAsync(new ListDossiersRequest { UnitCode = DeskUnit, PageSize = 500 })).Dossiers
            .Single(d => d.Code == later.DossierCode);
        Assert.Equal((2, 1, 1), (summary.PapersTotal, summary.PapersDigitised, summary.PapersReused));
    }

    [Fact]
    public async Task Another_agencys_desk_neither_lists_nor_reuses_a_citizens_papers_without_their_consent_and_every_look_is_recorded()
    {
        const string health = "QT.SYT";
        const string identity = "045090000077";
        _scenario.At(2026, 6, 4, 9, 0);
        var own = await ReceiveAsync(identity);
        var certificate = (await AttachAsync(own.DossierCode, 1, Scan("GCN 2026/077"))).Document;
        var otherDesk = DeskOfficer(health);

        var listedElsewhere = await Papers(otherDesk).ListDigitisedDocumentsAsync(new ListDigitisedDocumentsRequest { ApplicantKind = ApplicantKind.Person, IdentityNumber = identity });
        var listedAtHome = await Papers(Desk).ListDigitisedDocumentsAsync(new ListDigitisedDocumentsRequest { ApplicantKind = ApplicantKind.Person, IdentityNumber = identity });
        var withoutConsent = await ReceiveAsync(identity, details: r => r.AgencyCode = health);
        var withConsent = await ReceiveAsync(identity, details: r =>
        {
            r.AgencyCode = health;
            r.ReuseConsent = new PaperReuseConsent { Granted = true, Basis = "Công dân đồng ý tại quầy, phiếu ngày 04/06/2026" };
        });
        var read = await Papers(otherDesk).GetDigitisedDocumentAsync(new GetDigitisedDocumentRequest { DossierCode = withConsent.DossierCode, DocumentId = certificate.Id });
        var accesses = (await Papers(TestIdentity.Administrator).ListDocumentAccessesAsync(new ListDocumentAccessesRequest
        {
            ApplicantKind = ApplicantKind.Person, IdentityNumber = identity,
        })).Accesses;

        Assert.Empty(listedElsewhere.Documents);
        Assert.Equal(1, listedElsewhere.HeldElsewhere);
        Assert.Equal((certificate.Id, 0), (Assert.Single(listedAtHome.Documents).Id, listedAtHome.HeldElsewhere));
        Assert.DoesNotContain(withoutConsent.Papers, p => p.Reused || p.Digitised);
        Assert.Equal(certificate.Id, Assert.Single(withConsent.Papers, p => p.Reused).DocumentId);
        Assert.Equal(Scan("GCN 2026/077"), read.Content.ToByteArray());
        var reuse = Assert.Single(accesses, a => a.Kind == DocumentAccessKind.ReusedWithConsent);
        Assert.Equal((certificate.Id, withConsent.DossierCode, health, "Công dân đồng ý tại quầy, phiếu ngày 04/06/2026"),
            (reuse.DocumentId, reuse.DossierCode, reuse.AccessedByAgency, reuse.Basis));
        Assert.Equal(2, accesses.Count(a => a.Kind == DocumentAccessKind.Listed));
        Assert.Contains(accesses, a => a.Kind == DocumentAccessKind.Read && a.DocumentId == certificate.Id && a.DossierCode == withConsent.DossierCode && a.AccessedByAgency == health);
        // Granting consent needs its basis; a basis without consent means nothing.
        await RpcAssert.InvalidFields(() => ReceiveAsync(identity, details: r => r.ReuseConsent = new PaperReuseConsent { Granted = true }), "reuse_consent.basis");
        await RpcAssert.InvalidFields(() => ReceiveAsync(identity, details: r => r.ReuseConsent = new PaperReuseConsent { Basis = "đồng ý" }), "reuse_consent.basis");
        // The record of who looked cannot be rewritten.
        await Assert.ThrowsAnyAsync<Exception>(() => _scenario.InDatabase(db => db.Database.ExecuteSqlRawAsync("DELETE FROM document_accesses")));
    }

    [Fact]
    public async Task The_same_file_of_the_same_applicant_is_stored_once_and_counts_as_reused_in_a_later_dossier()
    {
        _scenario.At(2026, 6, 3, 9, 0);
        var first = await ReceiveAsync("045090000003");
        var second = await ReceiveAsync("045090000003", details: r => r.Papers[1].Name = "Bản sao giấy chứng nhận");
        var content = Scan("GCN 2026/003");

        var once = await AttachAsync(first.DossierCode, 1, content);
        var again = await AttachAsync(second.DossierCode, 1, content);
        var stored = await _scenario.InDatabase(db => db.DigitisedDocuments.CountAsync(d => d.Sha256 == once.Document.Sha256));

        Assert.False(once.ExistingFile);
        Assert.True(again.ExistingFile);
        Assert.Equal(once.Document.Id, again.Document.Id);
        Assert.Equal(1, stored);
        Assert.True(again.Dossier.Papers[1].Reused);
        Assert.Equal((1, 1), (again.Dossier.PapersDigitised, again.Dossier.PapersReused));
        var change = (await _scenario.ChangesOf(second.DossierCode)).Single(c => c.Type == DossierEventTypes.PaperDigitised).Payload.Fields;
        Assert.Equal((true, true, once.Document.Sha256), (change["existingFile"].BoolValue, change["reused"].BoolValue, change["sha256"].StringValue));
        Assert.Contains((await _scenario.AuditOf(second.DossierCode)), a => a.Action == "AttachDigitisedPaper" && a.Reason.Contains(once.Document.Sha256));
    }

    [Fact]
    public async Task An_electronic_result_is_attached_while_the_agency_holds_the_dossier_and_is_reused_as_a_paper_later()
    {
        _scenario.At(2026, 6, 4, 9, 0);
        var receipt = await ReceiveAsync("045090000004", "1.000702");
        var result = new AttachDigitisedResultRequest
        {
            DossierCode = receipt.DossierCode, FileName = "thong-bao.pdf", MediaType = "application/pdf", Content = ByteString.CopyFrom(Scan("TB 45/2026")),
        };
        var early = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => Papers(Desk).AttachDigitisedResultAsync(result.Clone().Also(r => r.Etag = receipt.Etag)).ResponseAsync);
        _scenario.At(2026, 6, 4, 10, 0);
        var started = await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing);

        var attached = await Papers(Quality).AttachDigitisedResultAsync(result.Clone().Also(r => r.Etag = started.Etag));
        var done = await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.CompleteResult);
        var later = await ReceiveAsync("045090000004", details: r => r.Papers.Add(new Paper
        {
            Name = "Thông báo tiếp nhận bản công bố hợp quy", Kind = PaperKind.Copy, Count = 1,
        }));

        Assert.Equal("DOSSIER_STATUS", early.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        Assert.Equal((DigitisedDocumentKind.Result, "Thông báo tiếp nhận bản công bố hợp quy"), (attached.Document.Kind, attached.Document.Name));
        Assert.True(done.ResultElectronic);
        Assert.Equal(attached.Document.Id, done.ResultDocumentId);
        Assert.True(later.Papers[2].Reused);
        Assert.Equal(attached.Document.Id, later.Papers[2].DocumentId);
        var change = (await _scenario.ChangesOf(receipt.DossierCode)).Single(c => c.Type == DossierEventTypes.ResultDigitised).Payload.Fields;
        Assert.True(change["resultElectronic"].BoolValue);
        // The result belongs to this dossier, not to another of the same applicant.
        var other = await ReceiveAsync("045090000004");
        await RpcAssert.FailsWith(StatusCode.NotFound, () => Papers(Desk).GetDigitisedDocumentAsync(new GetDigitisedDocumentRequest
        {
            DossierCode = other.DossierCode, DocumentId = attached.Document.Id,
        }).ResponseAsync);
    }

    [Fact]
    public async Task Files_without_content_type_or_a_plain_name_too_large_or_for_a_missing_line_are_refused_and_store_nothing()
    {
        _scenario.At(2026, 6, 5, 9, 0);
        var receipt = await ReceiveAsync("045090000005");
        var request = new AttachDigitisedPaperRequest
        {
            DossierCode = receipt.DossierCode, Etag = receipt.Etag, PaperIndex = -1, FileName = "../scan.pdf", MediaType = "pdf",
        };
        await RpcAssert.InvalidFields(() => Papers(Desk).AttachDigitisedPaperAsync(request).ResponseAsync, "paper_index", "file_name", "media_type", "content");
        await RpcAssert.InvalidFields(() => Papers(Desk).AttachDigitisedPaperAsync(new AttachDigitisedPaperRequest
        {
            DossierCode = receipt.DossierCode, Etag = receipt.Etag, PaperIndex = 2, FileName = "scan.pdf", MediaType = "application/pdf",
            Content = ByteString.CopyFrom(Scan("x")),
        }).ResponseAsync, "paper_index");
        await using var small = _scenario.Fixture.Clocked.WithWebHostBuilder(host => host.UseSetting("Dossiers:Digitisation:MaxFileBytes", "1024"));
        var client = new DigitisedPapers.DigitisedPapersClient(ServiceFixture<Program>.CreateChannel(small, Desk));
        await RpcAssert.InvalidFields(() => client.AttachDigitisedPaperAsync(new AttachDigitisedPaperRequest
        {
            DossierCode = receipt.DossierCode, Etag = receipt.Etag, PaperIndex = 0, FileName = "scan.pdf", MediaType = "application/pdf",
            Content = ByteString.CopyFrom(new byte[2048]),
        }).ResponseAsync, "content");

        var after = await _scenario.GetAsync(receipt.DossierCode);
        Assert.Equal(receipt.Etag, after.Etag);
        Assert.Equal(0, after.PapersDigitised);
        Assert.Empty((await Papers(Desk).ListDigitisedDocumentsAsync(new ListDigitisedDocumentsRequest
        {
            ApplicantKind = ApplicantKind.Person, IdentityNumber = "045090000005",
        })).Documents);
    }

    [Fact]
    public async Task Files_travel_as_base64_over_REST_and_the_database_refuses_to_change_a_stored_one()
    {
        _scenario.At(2026, 6, 8, 9, 0);
        var receipt = await ReceiveAsync("045090000006");
        var content = Scan("GCN qua REST");
        using var rest = _scenario.Fixture.Clocked.CreateClient();
        TestIdentity.Present(rest.DefaultRequestHeaders, Desk);

        var attached = await rest.PostAsJsonAsync($"/dossiers/v1/dossiers/{receipt.DossierCode}:attachDigitisedPaper", new
        {
            etag = receipt.Etag, paperIndex = 1, fileName = "gcn.pdf", mediaType = "application/pdf", content = Convert.ToBase64String(content),
        });
        var document = (await attached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("document");
        var read = await rest.GetFromJsonAsync<JsonElement>($"/dossiers/v1/dossiers/{receipt.DossierCode}/documents/{document.GetProperty("id").GetString()}");
        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            _scenario.InDatabase(db => db.Database.ExecuteSqlAsync($"UPDATE digitised_contents SET content = '\\x00'")));

        Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), document.GetProperty("sha256").GetString());
        Assert.Equal(content, Convert.FromBase64String(read.GetProperty("content").GetString()!));
        Assert.Contains("append-only", update.MessageText);
    }
}
