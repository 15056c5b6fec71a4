using Cchc.ServiceDefaults.Security;

namespace Cchc.AppHost.Tests;

/// <summary>No input breaks a call, over gRPC or REST, through the gateway of the running stack (see <see cref="GatewayFuzz"/>).</summary>
[Collection(FuzzedStack.Name)]
public sealed class GatewayFuzzTests(StackFixture stack)
{
    [Fact]
    public async Task No_fuzzed_request_through_the_gateway_gets_a_fault_an_exception_text_or_a_5xx()
    {
        var tokens = stack.Stack.DevelopmentTokens();

        var fuzz = await GatewayFuzz.RunAsync(stack.Stack.GatewayGrpc, stack.Stack.GatewayHttp, tokens[Roles.Administrator]);

        Assert.True(fuzz.Calls > 1000, $"only {fuzz.Calls} calls were made");
        Assert.True(fuzz.Failures.Count == 0, $"{fuzz.Failures.Count} of {fuzz.Calls} fuzzed calls failed:\n{string.Join('\n', fuzz.Failures.Take(40))}");
    }
}
