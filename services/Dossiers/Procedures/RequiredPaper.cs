using Cchc.Dossiers.Records;

namespace Cchc.Dossiers.Procedures;

/// <summary>One component of the dossier (thành phần hồ sơ) the procedure asks for.</summary>
public sealed class RequiredPaper
{
    /// <summary>The component code (MaThanhPhanHoSo), or empty.</summary>
    public string Code { get; init; } = "";
    public required string Name { get; init; }
    public PaperKind Kind { get; init; }
    public int Count { get; init; }
}
