using System.Text.RegularExpressions;
using Xunit;

namespace Cchc.Testing;

/// <summary>Keeps the table of RPCs and their allowed roles in docs/access.md true to the code.</summary>
public static partial class ReadmeAccessTable
{
    public const string Anonymous = "anyone (anonymous)";

    public static void AssertLists(IEnumerable<RpcAccess> declared)
    {
        var rows = Rows();
        foreach (var rpc in declared)
        {
            Assert.True(rows.TryGetValue(rpc.FullName, out var documented), $"docs/access.md has no access row for {rpc.FullName}");
            var expected = rpc.Anonymous ? Anonymous : string.Join(", ", rpc.Roles);
            Assert.True(expected == documented, $"docs/access.md says {rpc.FullName} admits '{documented}' but the code admits '{expected}'");
        }
    }

    /// <summary>Every RPC docs/access.md lists, with its call type read from the compiled contracts.</summary>
    public static IReadOnlyList<RpcAccess> Documented()
    {
        var methods = typeof(Cchc.Directives.V1.OrganizationService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null))
            .OfType<Google.Protobuf.Reflection.ServiceDescriptor>()
            .SelectMany(service => service.Methods)
            .ToDictionary(m => $"{m.Service.FullName}/{m.Name}");
        return Rows().Select(row =>
        {
            Assert.True(methods.TryGetValue(row.Key, out var method), $"docs/access.md lists {row.Key}, which no contract defines");
            var type = (method!.IsClientStreaming, method.IsServerStreaming) switch
            {
                (false, false) => Grpc.Core.MethodType.Unary,
                (false, true) => Grpc.Core.MethodType.ServerStreaming,
                (true, false) => Grpc.Core.MethodType.ClientStreaming,
                _ => Grpc.Core.MethodType.DuplexStreaming,
            };
            var anonymous = row.Value == Anonymous;
            var roles = anonymous ? [] : row.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new RpcAccess(row.Key, type, anonymous, roles);
        }).ToList();
    }

    private static Dictionary<string, string> Rows()
    {
        var page = File.ReadAllText(Path.Combine(Cchc.Hosting.Local.RepositoryRoot.Find(), "docs", "access.md"));
        return RowPattern().Matches(page).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
    }

    [GeneratedRegex(@"^\| `(cchc\.[a-z]+\.v1\.[A-Za-z]+/[A-Za-z]+)` \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex RowPattern();
}
