using Cchc.Dossiers.Domain.Codes;

namespace Cchc.Dossiers.Records;

/// <summary>The <c>Dossiers</c> configuration section.</summary>
public sealed class DossierOptions
{
    public const string Section = "Dossiers";

    /// <summary>Pattern of dossier codes; see <see cref="DossierCodeFormat"/>.</summary>
    public string CodePattern { get; set; } = DossierCodeFormat.DefaultPattern;

    /// <summary>
    /// Base64 key (at least 32 bytes) that derives and hashes lookup secrets and keys applicants in the
    /// digitised-paper store. Keep it in a secret store; without it the service makes one and keeps
    /// it in its database.
    /// </summary>
    public string? LookupSecretKey { get; set; }

    /// <summary>
    /// In Production the service refuses to start without <see cref="LookupSecretKey"/>, since a key kept
    /// in the database next to the hashes lets a copy of it brute-force every lookup secret; this lets it
    /// keep one there anyway (a deliberate choice, e.g. for a trial installation).
    /// </summary>
    public bool AllowStoredLookupSecretKey { get; set; }

    /// <summary>
    /// Wrong lookups allowed per dossier code and caller network within <see cref="LookupFailureWindow"/>;
    /// past it, code-wide, further attempts on the code are slowed (not refused).
    /// </summary>
    public int LookupFailureLimit { get; set; } = 10;

    public TimeSpan LookupFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong lookups allowed per caller network, whatever the codes, within <see cref="LookupFailureWindow"/>.</summary>
    public int LookupNetworkFailureLimit { get; set; } = 30;

    /// <summary>How much longer each attempt on a code waits per failure past <see cref="LookupFailureLimit"/>, code-wide.</summary>
    public TimeSpan LookupSlowdownStep { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest such wait.</summary>
    public TimeSpan LookupMaxDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a public status stays cached; every change replaces it anyway.</summary>
    public TimeSpan PublicStatusCacheTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an unknown code is remembered as unknown; an intake replaces it at once.</summary>
    public TimeSpan UnknownCodeCacheTtl { get; set; } = TimeSpan.FromMinutes(5);
}
