using System.Security.Claims;
using Cchc.Console.Identity;

namespace Cchc.Console.Gateway;

/// <summary>
/// What the console is told rather than what it reads from the services (section <c>Console</c>; the AppHost
/// passes the defaults). Everything else about the official's agency and province comes from the token's
/// claims and the services.
/// </summary>
public sealed class ConsoleSettings
{
    public const string Section = "Console";

    /// <summary>The agency of an official whose token names none (an administrator), e.g. <c>QT.SKHCN</c>; empty for none.</summary>
    public string DefaultAgency { get; set; } = "";

    /// <summary>
    /// The subject whose PAR INDEX / PAPI / PCI / SIPAS history leadership sees, e.g. <c>QUANG_TRI_2025</c>. Empty
    /// (the default): the Indexes service's subject, valid today, that the official's agency or one of its
    /// parents in the organisation registry answers for.
    /// </summary>
    public string IndexSubject { get; set; } = "";

    /// <summary>The official's agency: the token's <c>agency</c> claim, else <see cref="DefaultAgency"/>; null when neither names one.</summary>
    public string? AgencyOf(ClaimsPrincipal user) =>
        user.Agency() is { Length: > 0 } agency ? agency : DefaultAgency is { Length: > 0 } fallback ? fallback : null;
}
