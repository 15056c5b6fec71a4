using Cchc.Console.Presentation;
using Cchc.Dossiers.V1;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Console.Tests;

public sealed class DigitisationTests
{
    private static DigitisedDocument Document(string id, string name, string code = "", DigitisedDocumentKind kind = DigitisedDocumentKind.Paper) => new()
    {
        Id = id, Name = name, PaperCode = code, Kind = kind, FileName = $"{id}.pdf",
        CreateTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero)),
    };

    [Theory]
    [InlineData(ApplicantKind.Person, "038190000123", true)]
    [InlineData(ApplicantKind.Person, "03819000012", false)]
    [InlineData(ApplicantKind.Person, "0381900001234", false)]
    [InlineData(ApplicantKind.Person, "٠٣٨١٩٠٠٠٠١٢٣", false)]
    [InlineData(ApplicantKind.Organization, "3200123456", true)]
    [InlineData(ApplicantKind.Organization, "3200123456-001", true)]
    [InlineData(ApplicantKind.Organization, "038190000123", false)]
    [InlineData(ApplicantKind.Unspecified, "038190000123", false)]
    public void The_desk_looks_an_applicant_up_once_the_number_is_complete(ApplicantKind kind, string number, bool lookUp) =>
        Assert.Equal(lookUp, EarlierPapers.CanLookUp(kind, number));

    [Fact]
    public void A_procedure_paper_is_found_again_by_its_code_else_by_its_name_and_the_newest_document_wins()
    {
        RequiredPaper[] papers =
        [
            new() { Name = "Đơn đề nghị (theo mẫu)", Code = "DON-01" },
            new() { Name = "Giấy chứng nhận  đăng ký doanh nghiệp" },
            new() { Name = "Hợp đồng chuyển giao công nghệ" },
            new() { Name = "Bản thuyết minh", Code = "TM-02" },
        ];
        // Listed newest first, as the service lists them.
        DigitisedDocument[] documents =
        [
            Document("new-don", "Đơn đề nghị (mẫu mới)", "don-01"),
            Document("old-don", "Đơn đề nghị (theo mẫu)", "DON-01"),
            Document("gcn", "giấy chứng nhận đăng ký   doanh nghiệp"),
            // Same name, but it has a code the procedure's line does not: not the same paper.
            Document("tm", "Hợp đồng chuyển giao công nghệ", "HD-09"),
        ];

        var reused = EarlierPapers.Reused(papers, documents);

        Assert.Equal([0, 1], reused.Keys.Order());
        Assert.Equal("new-don", reused[0].Id);
        Assert.Equal("gcn", reused[1].Id);
    }

    [Fact]
    public void Consent_goes_with_the_intake_only_when_the_applicant_gave_it()
    {
        Assert.Null(EarlierPapers.Consent(false, "Đơn đề nghị ngày 06/12/2026"));
        var consent = EarlierPapers.Consent(true, "  Đơn đề nghị ngày 06/12/2026 ");
        Assert.NotNull(consent);
        Assert.True(consent.Granted);
        Assert.Equal("Đơn đề nghị ngày 06/12/2026", consent.Basis);
        // Left empty, the service says the basis is required, next to the field.
        Assert.Equal("", EarlierPapers.Consent(true, null)!.Basis);
        Assert.Contains("Có 2 giấy tờ do cơ quan khác số hóa", EarlierPapers.HeldElsewhere(2), StringComparison.Ordinal);
        Assert.StartsWith("Không có", EarlierPapers.HeldElsewhere(0), StringComparison.Ordinal);
    }
}
