using Cchc.Hosting.Local;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Cchc.AppHost.Tests;

/// <summary>One start of the whole application for every end-to-end test (a start costs 30–60 s here).</summary>
[CollectionDefinition(Name)]
public sealed class WholeStack : ICollectionFixture<StackFixture>
{
    public const string Name = "The whole stack under Aspire";
}

/// <summary>
/// A stack of its own for the fuzz, which leaves junk in the data the journeys read. The assembly's
/// collections run one after the other (two stacks at once would starve this machine's two cores).
/// </summary>
[CollectionDefinition(Name)]
public sealed class FuzzedStack : ICollectionFixture<StackFixture>
{
    public const string Name = "A whole stack to fuzz";
}

public sealed class StackFixture : IAsyncLifetime
{
    public AspireStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await AspireStack.StartAsync(TimeSpan.FromMinutes(5));

    /// <summary>
    /// Stopping leaves nothing of this run: PostgreSQL, the mail server, the services, the gateway's and
    /// the console's ports. A leftover fails the run (xunit reports it as the collection's clean-up failure).
    /// </summary>
    public async Task DisposeAsync()
    {
        if (Stack is null)
        {
            return;
        }
        await Stack.DisposeAsync();
        var leftovers = Stack.LeftoverProcesses();
        if (leftovers.Count > 0)
        {
            throw new InvalidOperationException($"Processes of this run are still alive: {string.Join("; ", leftovers)}");
        }
        foreach (var endpoint in new[] { Stack.GatewayHttp, Stack.GatewayGrpc, Stack.Console })
        {
            if (!Ports.IsFree(endpoint.Port))
            {
                throw new InvalidOperationException($"Port {endpoint.Port} ({endpoint}) is still taken after the stack stopped.");
            }
        }
    }
}
