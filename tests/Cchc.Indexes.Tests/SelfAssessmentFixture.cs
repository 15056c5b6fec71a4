extern alias directives;
using Cchc.ServiceDefaults;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using DirectivesProgram = directives::Program;

namespace Cchc.Indexes.Tests;

/// <summary>
/// Indexes with Directives on the network, as in the stack: evidence is checked there with
/// Indexes' own service credentials.
/// </summary>
public sealed class SelfAssessmentFixture : IAsyncLifetime
{
    public NetworkService<DirectivesProgram> Directives { get; private set; } = null!;
    public ServiceFixture<Program> Indexes { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directives = await NetworkService<DirectivesProgram>.StartAsync(Resources.DirectivesDb);
        var settings = new Dictionary<string, string>(TestIdentity.ServiceCredentials(Resources.Indexes));
        foreach (var (key, value) in Directives.DiscoverySettings(Resources.Directives))
        {
            settings[key] = value;
        }
        Indexes = new ServiceFixture<Program>(Resources.IndexesDb, settings: settings);
        await Indexes.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Indexes.DisposeAsync();
        await Directives.DisposeAsync();
    }
}
