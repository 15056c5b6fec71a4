namespace Cchc.Dossiers.Digitisation;

/// <summary>The <c>Dossiers:Digitisation</c> section.</summary>
public sealed class DigitisationOptions
{
    public const string Section = "Dossiers:Digitisation";

    /// <summary>
    /// The largest file accepted. As base64 in a REST body it grows by a third, so the default
    /// (16 MiB) stays under the gateway's 32 MiB request limit.
    /// </summary>
    public int MaxFileBytes { get; set; } = 16 * 1024 * 1024;
}
