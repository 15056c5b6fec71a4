using System.Reflection;

namespace Cchc.Hosting.Local;

public static class RepositoryRoot
{
    /// <summary>The folder holding <c>Cchc.Aspire.sln</c>, above the running assembly or the current directory.</summary>
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cchc.Aspire.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Cchc.Aspire.sln was not found above the running program; run it from the repository (e.g. dotnet run --project AppHost).");
    }

    /// <summary>
    /// The built assembly of the project in <paramref name="projectFolder"/> (relative to the repository), in the
    /// configuration this library was built in (Debug for the tests, Release for the bench).
    /// </summary>
    public static string BuiltAssembly(string projectFolder, string assemblyName)
    {
        var configuration = typeof(RepositoryRoot).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(Find(), projectFolder, "bin", configuration, "net10.0", $"{assemblyName}.dll");
    }
}
