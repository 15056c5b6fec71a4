namespace Cchc.Console.Presentation;

/// <summary>
/// Scans of a dossier's papers attached from the record page (DigitisedPapers.AttachDigitisedPaper): PDF or
/// image files up to the service's limit (16 MiB unless Dossiers:Digitisation:MaxFileBytes says otherwise),
/// checked here first so the official is told in Vietnamese before anything is sent.
/// </summary>
public static class PaperScans
{
    public const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>What the file picker offers.</summary>
    public const string Accept = ".pdf,.jpg,.jpeg,.png,.tif,.tiff";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
    };

    /// <summary>The media type to send: the file's extension decides (a browser may give none, or a vague one).</summary>
    public static string? MediaType(string fileName) =>
        ByExtension.TryGetValue(Path.GetExtension(fileName), out var type) ? type : null;

    /// <summary>Why the file cannot be attached, in Vietnamese; null when it can.</summary>
    public static string? Problem(string fileName, long size) =>
        MediaType(fileName) is null ? $"Tệp \"{fileName}\" không phải bản quét PDF hoặc ảnh (JPG, PNG, TIFF)."
        : size == 0 ? $"Tệp \"{fileName}\" rỗng."
        : size > MaxBytes ? $"Tệp \"{fileName}\" lớn hơn {MaxBytes / (1024 * 1024)} MB."
        : null;
}
