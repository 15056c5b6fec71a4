using System.Text.RegularExpressions;
using Cchc.ServiceDefaults.Grpc;

namespace Cchc.Directives.Documents;

/// <summary>File metadata as the contracts carry it: attachments of documents, evidence of reports.</summary>
public static partial class Files
{
    public static FileAttachment Validate(V1.FileMetadata file, string field, Validation validation)
    {
        var sha256 = file.Sha256.Trim().ToLowerInvariant();
        validation
            .RequireText(file.Name, $"{field}.name", 255)
            .Require(file.MediaType.Length == 0 || MediaType().IsMatch(file.MediaType), $"{field}.media_type", "must be a media type such as application/pdf")
            .Require(Sha256().IsMatch(sha256), $"{field}.sha256", "must be the SHA-256 of the content as 64 hexadecimal digits")
            .Require(file.SizeBytes >= 0, $"{field}.size_bytes", "must not be negative");
        return new FileAttachment(file.Name.Trim(), file.MediaType, sha256, file.SizeBytes);
    }

    public static V1.FileMetadata ToContract(FileAttachment file) =>
        new() { Name = file.Name, MediaType = file.MediaType, Sha256 = file.Sha256, SizeBytes = file.SizeBytes };

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$", RegexOptions.IgnoreCase)]
    private static partial Regex MediaType();
}
