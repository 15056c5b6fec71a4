using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Directives.Tests;

public sealed class DocumentTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private readonly DirectivesScenario _given = new(fixture);

    [Fact]
    public async Task A_document_is_created_read_and_updated_with_its_etag_and_a_stale_etag_is_aborted()
    {
        var attachment = new FileMetadata { Name = "35-CT-TU.pdf", MediaType = "application/pdf", Sha256 = new string('B', 64), SizeBytes = 204800 };
        var input = DirectivesScenario.PartyDirective("1-CT/TU");
        input.Attachments.Add(attachment);
        var created = await _given.CreateAsync(input);

        var read = (await _given.Documents.GetDocumentAsync(new GetDocumentRequest { DocumentId = created.DocumentId })).Document;
        var edit = read.Clone();
        edit.EffectiveDate = "2022-12-12";
        edit.Remarks = "Ngày ký còn phải đối chiếu bản gốc.";
        var updated = (await _given.Documents.UpdateDocumentAsync(new UpdateDocumentRequest { Document = edit })).Document;
        var stale = read.Clone();
        stale.Summary = "Ghi đè bản cũ";

        Assert.True(created.Numbered);
        Assert.Equal("2022-12", read.IssueDate);
        Assert.Equal(new string('b', 64), read.Attachments.Single().Sha256);
        Assert.NotEqual(read.Etag, updated.Etag);
        Assert.Equal("2022-12-12", updated.EffectiveDate);
        await RpcAssert.FailsWith(StatusCode.Aborted, () => _given.Documents.UpdateDocumentAsync(new UpdateDocumentRequest { Document = stale }).ResponseAsync);
        var now = (await _given.Documents.GetDocumentAsync(new GetDocumentRequest { DocumentId = created.DocumentId })).Document;
        Assert.Equal(updated.Summary, now.Summary);
        Assert.Equal(updated.Etag, now.Etag);
    }

    [Fact]
    public async Task A_symbol_taken_in_the_same_term_already_exists_while_the_same_number_in_another_term_is_accepted()
    {
        await _given.CreateAsync(DirectivesScenario.PartyDirective("2-CT/TU", term: "2020-2025"));

        var duplicate = await RpcAssert.FailsWith(StatusCode.AlreadyExists,
            () => _given.CreateAsync(DirectivesScenario.PartyDirective("2 - ct/TU", term: "2020-2025")));
        var nextTerm = await _given.CreateAsync(DirectivesScenario.PartyDirective("2-CT/TU", term: "2025-2030"));

        Assert.Contains("2-CT/TU", duplicate.GetDetail<ResourceInfo>()?.ResourceName);
        Assert.Equal("2025-2030", nextTerm.Term);
    }

    [Fact]
    public async Task State_numbers_restart_each_year_and_unnumbered_drafts_never_clash()
    {
        var agency = await _given.AgencyAsync("D1");
        var first = DirectivesScenario.Dispatch("836/SKHCN-VP", agency.Code);
        first.IssueDate = "2021-09-15";
        var sameYear = first.Clone();
        var nextYear = first.Clone();
        nextYear.IssueDate = "2022-01-10";
        await _given.CreateAsync(first);

        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => _given.CreateAsync(sameYear));
        await _given.CreateAsync(nextYear);
        var draft = await _given.CreateAsync(DirectivesScenario.Dispatch("/SKHCN-VP", agency.Code));
        var anotherDraft = await _given.CreateAsync(DirectivesScenario.Dispatch("/SKHCN-VP", agency.Code));

        Assert.False(draft.Numbered);
        Assert.NotEqual(draft.DocumentId, anotherDraft.DocumentId);
        Assert.Equal("Sở Khoa học và Công nghệ", draft.IssuerName);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once_including_a_Party_symbol_without_its_term()
    {
        var input = DirectivesScenario.PartyDirective("3-CT/TU", term: "");
        input.IssueDate = "ngày 11/12/2022";
        input.Kind = V1.DocumentKind.Unspecified;
        input.Attachments.Add(new FileMetadata { Name = "x.pdf", Sha256 = "abc" });

        await RpcAssert.InvalidFields(() => _given.CreateAsync(input),
            "document.kind", "document.term", "document.issue_date", "document.attachments[0].sha256");
    }

    [Fact]
    public async Task An_unknown_issuer_unit_or_reference_target_is_refused_naming_the_field()
    {
        var input = DirectivesScenario.Dispatch("9/SKHCN-VP", "NO.SUCH.UNIT", (ReferenceKind.Cites, Guid.NewGuid().ToString()));

        await RpcAssert.InvalidFields(() => _given.CreateAsync(input), "document.issuer_unit_code", "document.references[0].document_id");
    }

    [Fact]
    public async Task An_implements_reference_that_would_close_a_cycle_is_refused_naming_the_cycle()
    {
        var agency = await _given.AgencyAsync("D2");
        var directive = await _given.CreateAsync(DirectivesScenario.PartyDirective("4-CT/TU"));
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("12/SKHCN-VP", agency.Code, (ReferenceKind.Implements, directive.DocumentId)));
        var plan = await _given.CreateAsync(DirectivesScenario.Dispatch("13/KH-SKHCN", agency.Code, (ReferenceKind.Implements, dispatch.DocumentId)));
        var closing = directive.Clone();
        closing.References.Add(new V1.DocumentReference { Kind = ReferenceKind.Implements, DocumentId = plan.DocumentId });
        var citing = directive.Clone();
        citing.References.Add(new V1.DocumentReference { Kind = ReferenceKind.Cites, DocumentId = plan.DocumentId });

        var refused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => _given.Documents.UpdateDocumentAsync(new UpdateDocumentRequest { Document = closing }).ResponseAsync);
        var cited = (await _given.Documents.UpdateDocumentAsync(new UpdateDocumentRequest { Document = citing })).Document;

        Assert.Contains("4-CT/TU → 13/KH-SKHCN → 12/SKHCN-VP → 4-CT/TU", refused.Message);
        Assert.Equal("IMPLEMENTS_CYCLE", refused.GetDetail<PreconditionFailure>()?.Violations.Single().Type);
        Assert.Equal(ReferenceKind.Cites, cited.References.Single().Kind);
        Assert.Equal("13/KH-SKHCN", cited.References.Single().Target.Symbol);
    }

    [Fact]
    public async Task Words_without_diacritics_find_the_document_that_has_them_and_the_closest_phrase_ranks_first()
    {
        var scattered = DirectivesScenario.PartyDirective("5-CT/TU", summary: "Về công tác cán bộ");
        scattered.FullText = "Cải tiến cách làm; hành động quyết liệt; chỉnh đốn Đảng và hệ thống chính trị.";
        var exact = DirectivesScenario.PartyDirective("6-CT/TU", summary: "Về đẩy mạnh cải cách hành chính, nâng cao trách nhiệm thực thi công vụ");
        var unrelated = DirectivesScenario.PartyDirective("7-CT/TU", summary: "Về công tác phòng, chống thiên tai");
        await _given.CreateAsync(scattered);
        await _given.CreateAsync(exact);
        await _given.CreateAsync(unrelated);

        var plain = await _given.Documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = "cai cach hanh chinh" });
        var accented = await _given.Documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = "CẢI CÁCH hành chính" });

        Assert.Equal(["6-CT/TU", "5-CT/TU"], plain.Hits.Select(h => h.Document.Symbol));
        Assert.DoesNotContain(plain.Hits, h => h.Document.Symbol == "7-CT/TU");
        Assert.Equal(plain.Hits.Select(h => h.Document.DocumentId), accented.Hits.Select(h => h.Document.DocumentId));
    }

    [Fact]
    public async Task A_symbol_is_found_from_its_beginning_without_diacritics_and_the_exact_one_ranks_first()
    {
        await _given.CreateAsync(DirectivesScenario.PartyDirective("36-CT/TU"));
        await _given.CreateAsync(DirectivesScenario.PartyDirective("136-CT/TU"));
        var regulation = DirectivesScenario.PartyDirective("37-QĐ/TW");
        regulation.Kind = V1.DocumentKind.Regulation;
        regulation.IssuerName = "Ban Chấp hành Trung ương";
        regulation.Term = "2021-2026";
        await _given.CreateAsync(regulation);

        var byPrefix = await _given.Documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = "36-CT" });
        var exact = await _given.Documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = "136-ct/tu" });
        var unaccented = await _given.Documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = "37-QD" });

        Assert.Equal(["36-CT/TU", "136-CT/TU"], byPrefix.Hits.Select(h => h.Document.Symbol).Take(2));
        Assert.Equal("136-CT/TU", exact.Hits[0].Document.Symbol);
        Assert.Equal("37-QĐ/TW", unaccented.Hits[0].Document.Symbol);
    }

    [Fact]
    public async Task The_implementation_tree_runs_from_a_directive_through_every_implementing_level_to_the_unit_tasks()
    {
        var agency = await _given.AgencyAsync("D5");
        var directive = await _given.CreateAsync(DirectivesScenario.PartyDirective("50-CT/TU"));
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("50/SKHCN-VP", agency.Code, (ReferenceKind.Implements, directive.DocumentId)));
        var plan = DirectivesScenario.Dispatch("51/KH-QLCN", agency.Code, (ReferenceKind.Implements, dispatch.DocumentId));
        plan.Kind = V1.DocumentKind.Plan;
        plan = await _given.CreateAsync(plan);
        var reviewed = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, DirectivesScenario.Days(30));
        await _given.TaskAsync(dispatch.DocumentId, "2", agency.Inspectorate, DirectivesScenario.Days(-7));
        await _given.TaskAsync(plan.DocumentId, "1", agency.Division);
        await _given.ReportAsync(agency, reviewed, 60, "Đã rà soát 18/30 thủ tục");
        using var http = fixture.CreateRestClient(agency.Token(Roles.ProcessingOfficer, agency.Division));

        var tree = (await _given.Documents.GetImplementationTreeAsync(new GetImplementationTreeRequest { DocumentId = directive.DocumentId })).Root;
        var seenByDivision = await http.GetFromJsonAsync<JsonElement>($"/directives/v1/documents/{directive.DocumentId}/implementation-tree");

        var level1 = Assert.Single(tree.ImplementedBy);
        var level2 = Assert.Single(level1.ImplementedBy);
        Assert.Equal(("50/SKHCN-VP", "51/KH-QLCN"), (level1.Document.Symbol, level2.Document.Symbol));
        Assert.Equal([(DirectiveTaskStatus.InProgress, 60), (DirectiveTaskStatus.Overdue, 0)], level1.Tasks.Select(t => (t.Status, t.Percent)));
        Assert.Equal("bao-cao.pdf", level1.Tasks[0].LatestReport.Evidence.Single().Name);
        Assert.Equal(DirectiveTaskStatus.NotStarted, level2.Tasks.Single().Status);
        var divisionDispatch = seenByDivision.GetProperty("root").GetProperty("implementedBy")[0];
        Assert.Equal(["1"], divisionDispatch.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("number").GetString()));
        Assert.Equal("DIRECTIVE_TASK_STATUS_IN_PROGRESS", divisionDispatch.GetProperty("tasks")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Documents_are_listed_newest_first_page_by_page()
    {
        var agency = await _given.AgencyAsync("D3");
        foreach (var (symbol, date) in new[] { ("1/BC-D3", "2022-03-14"), ("2/BC-D3", "2023"), ("3/BC-D3", "2024-02") })
        {
            var report = DirectivesScenario.Dispatch(symbol, agency.Code);
            report.Kind = V1.DocumentKind.Report;
            report.IssueDate = date;
            await _given.CreateAsync(report);
        }

        var first = await _given.Documents.ListDocumentsAsync(new ListDocumentsRequest { IssuerUnitCode = agency.Code, PageSize = 2 });
        var second = await _given.Documents.ListDocumentsAsync(new ListDocumentsRequest { IssuerUnitCode = agency.Code, PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal(["3/BC-D3", "2/BC-D3"], first.Documents.Select(d => d.Symbol));
        Assert.Equal(["1/BC-D3"], second.Documents.Select(d => d.Symbol));
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task Only_the_follow_up_office_and_administrators_register_documents_and_any_official_reads_them()
    {
        var agency = await _given.AgencyAsync("D4");
        var created = await _given.CreateAsync(DirectivesScenario.Dispatch("20/SKHCN-VP", agency.Code), agency.Token(Roles.FollowUpOffice));

        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => _given.CreateAsync(DirectivesScenario.Dispatch("21/SKHCN-VP", agency.Code), agency.Token(Roles.UnitHead)));
        var read = await _given.DocumentsAs(agency.Token(Roles.DeskOfficer, agency.Division)).GetDocumentAsync(new GetDocumentRequest { DocumentId = created.DocumentId });

        Assert.Equal("20/SKHCN-VP", read.Document.Symbol);
    }

    [Fact]
    public async Task The_follow_up_office_edits_only_its_own_agencys_documents()
    {
        var agency = await _given.AgencyAsync("D6");
        var other = await _given.AgencyAsync("D6X");
        var theirs = await _given.CreateAsync(DirectivesScenario.Dispatch("30/SKHCN-VP", other.Code));
        var ours = await _given.CreateAsync(DirectivesScenario.Dispatch("31/SKHCN-VP", agency.Code));
        var outside = await _given.CreateAsync(DirectivesScenario.PartyDirective("60-CT/TU"));
        var office = _given.DocumentsAs(agency.Token(Roles.FollowUpOffice));
        var editTheirs = theirs.Clone();
        editTheirs.Remarks = "Sửa văn bản của cơ quan khác";
        var editOutside = outside.Clone();
        editOutside.Remarks = "Sửa văn bản do quản trị viên đăng ký";
        var moveOurs = ours.Clone();
        moveOurs.IssuerUnitCode = other.Code;
        var editOurs = ours.Clone();
        editOurs.Remarks = "Đã đối chiếu bản gốc";

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => office.UpdateDocumentAsync(new UpdateDocumentRequest { Document = editTheirs }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => office.UpdateDocumentAsync(new UpdateDocumentRequest { Document = editOutside }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => office.UpdateDocumentAsync(new UpdateDocumentRequest { Document = moveOurs }).ResponseAsync);
        var updated = (await office.UpdateDocumentAsync(new UpdateDocumentRequest { Document = editOurs })).Document;
        var byAdministrator = (await _given.Documents.UpdateDocumentAsync(new UpdateDocumentRequest { Document = editTheirs })).Document;

        Assert.Equal("Đã đối chiếu bản gốc", updated.Remarks);
        Assert.Equal("Sửa văn bản của cơ quan khác", byAdministrator.Remarks);
    }

    [Fact]
    public async Task The_register_is_served_as_REST_with_search_by_query_parameter()
    {
        using var http = fixture.CreateRestClient();
        var response = await http.PostAsJsonAsync("/directives/v1/documents", new
        {
            kind = "DOCUMENT_KIND_REPORT",
            symbol = "23/BC-SKHCHN",
            issuerName = "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
            issueDate = "2022-03-14",
            summary = "Kết quả công tác duy trì và củng cố Chỉ số Hiệu quả Quản trị và Hành chính công quý I",
        });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("document").GetProperty("documentId").GetString();

        var read = await http.GetFromJsonAsync<JsonElement>($"/directives/v1/documents/{id}");
        var found = await http.GetFromJsonAsync<JsonElement>("/directives/v1/documents:search?query=hieu%20qua%20quan%20tri");
        var missing = await RpcAssert.RestFails(await http.GetAsync($"/directives/v1/documents/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DOCUMENT_KIND_REPORT", read.GetProperty("document").GetProperty("kind").GetString());
        Assert.Contains(found.GetProperty("hits").EnumerateArray(), h => h.GetProperty("document").GetProperty("documentId").GetString() == id);
        Assert.Equal(5, missing.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_NUL_character_in_any_text_is_INVALID_ARGUMENT_on_its_field_over_gRPC_and_REST_and_stores_nothing()
    {
        var search = await RpcAssert.InvalidFields(() => _given.Documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = "cải cách\0" }).ResponseAsync, "query");
        var nested = await RpcAssert.InvalidFields(() => _given.Documents.CreateDocumentAsync(new CreateDocumentRequest
        {
            Document = new Document { Kind = DocumentKind.Report, Symbol = "24/BC-NUL", IssuerName = "Sở\0KH&CN", IssueDate = "2022-03-14", Summary = "Thử" },
        }).ResponseAsync, "document.issuer_name");
        using var http = fixture.CreateRestClient();
        var rest = await RpcAssert.RestFails(await http.GetAsync("/directives/v1/documents:search?query=a%00b"), HttpStatusCode.BadRequest);
        var stored = await _given.Documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = "24/BC-NUL" });

        Assert.Contains("U+0000", search.FieldViolations[0].Description);
        Assert.Equal("document.issuer_name", nested.FieldViolations[0].Field);
        Assert.Equal(3, rest.GetProperty("code").GetInt32());
        Assert.Empty(stored.Hits);
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("utf-16")]
    [InlineData("\"windows-1258\"")]
    public async Task A_JSON_body_in_another_charset_than_UTF8_is_refused_as_INVALID_ARGUMENT_and_stores_nothing(string charset)
    {
        using var http = fixture.CreateRestClient();
        var body = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(
            "{\"kind\":\"DOCUMENT_KIND_REPORT\",\"symbol\":\"25/BC-CHARSET\",\"issuerName\":\"Sở KH&CN 😀\",\"issueDate\":\"2022-03-14\",\"summary\":\"Thử\"}"));
        body.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        var refused = await RpcAssert.RestFails(await http.PostAsync("/directives/v1/documents", body), HttpStatusCode.UnsupportedMediaType);
        var stored = await _given.Documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = "25/BC-CHARSET" });

        Assert.Equal(3, refused.GetProperty("code").GetInt32());
        Assert.Contains("UTF-8", refused.GetProperty("errors").GetProperty("Content-Type")[0].GetString());
        Assert.Empty(stored.Hits);
    }

    [Fact]
    public async Task A_JSON_body_declared_as_UTF8_is_accepted()
    {
        using var http = fixture.CreateRestClient();
        var body = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(
            "{\"kind\":\"DOCUMENT_KIND_REPORT\",\"symbol\":\"26/BC-UTF8\",\"issuerName\":\"Sở KH&CN\",\"issueDate\":\"2022-03-14\",\"summary\":\"Báo cáo 😀\"}"));
        body.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=UTF-8");

        var created = await http.PostAsync("/directives/v1/documents", body);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }

    [Theory]
    [InlineData("\uFFFF\uFFFE")]
    [InlineData("35-CT\uFDD0")]
    public async Task A_Unicode_noncharacter_is_INVALID_ARGUMENT_on_its_field(string query)
    {
        var refused = await RpcAssert.InvalidFields(() => _given.Documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = query }).ResponseAsync, "query");

        Assert.Contains("noncharacter", refused.FieldViolations[0].Description);
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0xFF, 0x01, 0x61 }, "query", "longer than the request")]   // a length past the end
    [InlineData(new byte[] { 0x0A, 0x02, 0xC3, 0x28 }, "query", "not valid UTF-8")]           // an invalid UTF-8 sequence
    [InlineData(new byte[] { 0x00, 0x01 }, "", "malformed field tag")]                          // field number 0
    public async Task A_request_that_does_not_decode_is_INVALID_ARGUMENT_on_its_field_without_exception_text(byte[] body, string field, string problem)
    {
        using var channel = fixture.CreateChannel();

        var refused = await RawGrpc.UnaryAsync(channel, "/cchc.directives.v1.DocumentService/SearchDocuments", body);

        Assert.NotNull(refused);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal(field, violation.Field);
        Assert.Contains(problem, violation.Description);
        Assert.Contains("cchc.directives.v1.SearchDocumentsRequest", violation.Description);
        Assert.DoesNotContain("Exception", refused.Status.Detail);
    }
}
