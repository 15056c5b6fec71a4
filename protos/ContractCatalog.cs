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
}
