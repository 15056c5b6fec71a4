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
}
