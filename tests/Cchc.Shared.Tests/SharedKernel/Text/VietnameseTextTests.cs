using System.Text;
using Cchc.SharedKernel.Text;

namespace Cchc.Shared.Tests;

/// <summary>The one diacritics folder (<c>shared/Cchc.SharedKernel/Text/VietnameseText.cs</c>): search keys and SMS text.</summary>
public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Cải cách hành chính", "cai cach hanh chinh")]
    [InlineData("ĐẨY MẠNH ứng dụng", "day manh ung dung")]
    [InlineData("Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe")]
    [InlineData("Quy định số 37-QĐ/TW", "quy dinh so 37-qd/tw")]
    [InlineData("Ngoại ngữ, ưu tiên, ơn", "ngoai ngu, uu tien, on")]
    public void Folding_removes_case_diacritics_and_the_stroke_of_d(string text, string folded) =>
        Assert.Equal(folded, VietnameseText.Fold(text));

    [Theory]
    [InlineData("Sở Khoa học và Công nghệ tỉnh Quảng Trị đã tiếp nhận hồ sơ", "So Khoa hoc va Cong nghe tinh Quang Tri da tiep nhan ho so")]
    [InlineData("ĐÀ NẴNG", "DA NANG")]
    [InlineData("Đường Lê Duẩn, đông Hà", "Duong Le Duan, dong Ha")]
    [InlineData("Ưu tiên: Ơn, Ấp, Ẩn, Ỷ", "Uu tien: On, Ap, An, Y")]
    [InlineData("836/SKHCN-VP 17:00 ngày 27/02/2026", "836/SKHCN-VP 17:00 ngay 27/02/2026")]
    public void Without_diacritics_keeps_the_case_and_turns_the_stroked_d_into_d(string text, string plain) =>
        Assert.Equal(plain, VietnameseText.WithoutDiacritics(text));

    [Theory]
    [InlineData("hành chính")]
    [InlineData("Đồng Hới, Quảng Bình")]
    [InlineData("ĐẨY MẠNH ứng dụng")]
    public void Composed_and_decomposed_input_give_the_same_composed_answer(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(text, decomposed);

        Assert.Equal(VietnameseText.Fold(text), VietnameseText.Fold(decomposed));
        Assert.Equal(VietnameseText.WithoutDiacritics(text), VietnameseText.WithoutDiacritics(decomposed));
        Assert.True(VietnameseText.WithoutDiacritics(decomposed).IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Combining_marks_typed_after_a_plain_letter_are_removed()
    {
        // "a" + combining grave, "e" + combining circumflex + combining acute, "u" + combining horn + combining dot below.
        var typed = "a\u0300 e\u0302\u0301 u\u031B\u0323";

        Assert.Equal("a e u", VietnameseText.WithoutDiacritics(typed));
        Assert.Equal("a e u", VietnameseText.Fold(typed.ToUpperInvariant()));
    }

    [Fact]
    public void The_stroked_d_has_no_decomposition_so_it_is_mapped_itself()
    {
        Assert.Equal("đ", "đ".Normalize(NormalizationForm.FormD));
        Assert.Equal("d D", VietnameseText.WithoutDiacritics("đ Đ"));
        Assert.Equal("d d", VietnameseText.Fold("đ Đ"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Nothing_folds_to_nothing(string? text)
    {
        Assert.Equal("", VietnameseText.Fold(text));
        Assert.Equal("", VietnameseText.WithoutDiacritics(text));
    }

    [Theory]
    [InlineData("21- KL/TW", "21-KL/TW")]
    [InlineData("37-QĐ/TW", "37-QD/TW")]
    [InlineData(" 836/SKHCN-VP ", "836/SKHCN-VP")]
    [InlineData("37-qđ/tw", "37-QD/TW")]
    public void A_symbol_key_ignores_spacing_case_and_diacritics(string symbol, string key) =>
        Assert.Equal(key, VietnameseText.SymbolKey(symbol));
}
