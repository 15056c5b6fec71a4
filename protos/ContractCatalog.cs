using System.Reflection;
using Google.Protobuf.Reflection;

namespace Cchc.Contracts;

/// <summary>Every gRPC service the contracts define, read from the compiled protos.</summary>
public static class ContractCatalog
{
    public static IReadOnlyList<ServiceDescriptor> Services { get; } = typeof(ContractCatalog).Assembly.GetTypes()
        .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
        .OfType<ServiceDescriptor>()
        .Where(s => s.FullName.StartsWith("cchc.", StringComparison.Ordinal))
        .OrderBy(s => s.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// Services that only other Cchc services call, over the internal network: the gateway neither
    /// forwards nor describes them. <c>ApplicantNotices</c> gives an applicant's name, phone, e-mail and
    /// lookup secret to Notifications alone.
    /// </summary>
    public static IReadOnlySet<string> InternalServices { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "cchc.dossiers.v1.ApplicantNotices",
    };

    /// <summary>What the gateway serves: every service but the internal ones.</summary>
    public static IReadOnlyList<ServiceDescriptor> PublicServices { get; } = [.. Services.Where(s => !InternalServices.Contains(s.FullName))];

    /// <summary>True for a gRPC path (<c>/package.Service/Method</c>) of an internal service.</summary>
    public static bool IsInternalPath(string path)
    {
        var end = path.IndexOf('/', 1);
        return end > 1 && InternalServices.Contains(path[1..end]);
    }
}
