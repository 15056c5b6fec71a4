using System.Diagnostics;
using Cchc.Contracts;
using Cchc.Hosting.Local;
using Google.Protobuf.Reflection;

namespace Cchc.Gateway.Tests;

/// <summary>The contracts as a client in any language loads them: with protoc, from protos/ alone.</summary>
public sealed class ContractTests
{
    [Fact]
    public async Task Protoc_compiles_every_contract_from_the_protos_folder_alone_imports_of_google_api_and_google_rpc_included()
    {
        var protos = Path.Combine(RepositoryRoot.Find(), "protos");
        var output = Path.Combine(Path.GetTempPath(), $"cchc-contracts-{Guid.NewGuid():N}.pb");
        var info = new ProcessStartInfo("protoc") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = protos };
        // protoc's own include folder holds the well-known types (google/protobuf/*.proto), as every protoc install does.
        foreach (var argument in new[] { "-I", ".", "-I", "/usr/include", "--include_imports", $"--descriptor_set_out={output}" }
                     .Concat(new[] { "cchc", "google" }.SelectMany(root => Directory.EnumerateFiles(Path.Combine(protos, root), "*.proto", SearchOption.AllDirectories))
                         .Select(f => Path.GetRelativePath(protos, f))))
        {
            info.ArgumentList.Add(argument);
        }
        using var protoc = Process.Start(info) ?? throw new InvalidOperationException("protoc (apt: protobuf-compiler) is needed for this test");
        var errors = await protoc.StandardError.ReadToEndAsync();
        await protoc.WaitForExitAsync();
        try
        {
            Assert.True(protoc.ExitCode == 0, $"protoc failed: {errors}");
            var set = FileDescriptorSet.Parser.ParseFrom(await File.ReadAllBytesAsync(output));
            var services = set.File.SelectMany(f => f.Service.Select(s => $"{f.Package}.{s.Name}")).ToList();

            Assert.All(ContractCatalog.Services, s => Assert.Contains(s.FullName, services));
            // What a client needs to read error details and REST mappings travels with the contracts.
            Assert.Contains(set.File, f => f.Name == "google/rpc/status.proto");
            Assert.Contains(set.File, f => f.Name == "google/rpc/error_details.proto" && f.MessageType.Any(m => m.Name == "BadRequest"));
            Assert.Contains(set.File, f => f.Name == "google/api/annotations.proto");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void The_shipped_google_protos_are_the_ones_the_dotnet_contracts_are_compiled_against()
    {
        var protos = Path.Combine(RepositoryRoot.Find(), "protos");
        foreach (var name in new[] { "google/api/annotations.proto", "google/api/http.proto", "google/rpc/status.proto", "google/rpc/error_details.proto" })
        {
            Assert.True(File.Exists(Path.Combine(protos, name)), $"protos/{name} is missing");
        }
        var errorDetails = File.ReadAllText(Path.Combine(protos, "google/rpc/error_details.proto"));
        Assert.Contains(Google.Rpc.BadRequest.Descriptor.Name, errorDetails);
        Assert.Contains("package google.rpc;", errorDetails);
    }
}
