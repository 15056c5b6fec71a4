using Cchc.Dossiers.Digitisation;
using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.Records;

namespace Cchc.Dossiers.Tests.Digitisation;

public sealed class PaperReuseTests
{
    private static readonly Guid Certificate = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static readonly Guid Form = Guid.Parse("0190a000-0000-7000-8000-000000000002");

    [Fact]
    public void A_submitted_paper_matches_by_code_first_and_otherwise_by_name_ignoring_case_and_spacing()
    {
        var digitised = new Dictionary<string, Guid>
        {
            [PaperKeys.Of("", "Giấy chứng nhận hợp chuẩn")] = Certificate,
            [PaperKeys.Of("DON", "Đơn cũ")] = Form,
        };

        var papers = PaperReuse.Apply(
        [
            new DossierPaper { Name = "  GIẤY chứng nhận   hợp chuẩn ", Kind = PaperKind.Copy, Count = 1 },
            new DossierPaper { Name = "Đơn đề nghị", Code = "don", Kind = PaperKind.Original, Count = 1 },
            new DossierPaper { Name = "Bản mô tả", Kind = PaperKind.Original, Count = 2 },
        ], [], digitised);

        Assert.Equal([(Certificate, true), (Form, true), ((Guid?)null, false)], papers.Select(p => (p.DigitisedDocumentId, p.Reused)));
        Assert.Equal([PaperKind.Copy, PaperKind.Original, PaperKind.Original], papers.Select(p => p.Kind));
    }

    [Fact]
    public void A_required_paper_not_submitted_but_digitised_is_added_once_as_an_electronic_reused_copy()
    {
        var digitised = new Dictionary<string, Guid> { [PaperKeys.Of("", "Giấy chứng nhận hợp chuẩn")] = Certificate };

        var papers = PaperReuse.Apply(
            [new DossierPaper { Name = "Đơn đề nghị", Kind = PaperKind.Original, Count = 1 }],
            [
                new RequiredPaper { Name = "Đơn đề nghị", Kind = PaperKind.Original, Count = 1 },
                new RequiredPaper { Name = "Giấy chứng nhận hợp chuẩn", Kind = PaperKind.Copy, Count = 2 },
                new RequiredPaper { Name = "Quyết định thành lập", Kind = PaperKind.Copy, Count = 1 },
            ],
            digitised);

        Assert.Equal(2, papers.Count);
        Assert.Equal(("Giấy chứng nhận hợp chuẩn", PaperKind.Electronic, 1, Certificate, true),
            (papers[1].Name, papers[1].Kind, papers[1].Count, papers[1].DigitisedDocumentId!.Value, papers[1].Reused));
    }
}
