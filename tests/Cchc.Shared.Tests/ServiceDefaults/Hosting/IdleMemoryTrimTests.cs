using Cchc.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cchc.Shared.Tests;

/// <summary>Memory given back once a service is quiet (<c>ServiceDefaults/Hosting/IdleMemoryTrim.cs</c>).</summary>
public sealed class IdleMemoryTrimTests
{
    private const long MB = 1024 * 1024;

    [Fact]
    public void A_quiet_window_trims_once_and_not_again_until_enough_has_been_allocated_since()
    {
        var watch = new IdleMemoryTrim.QuietWatch(quietBytes: 8 * MB, rearmBytes: 32 * MB);

        Assert.False(watch.ShouldTrim(500 * MB));  // the first sample only starts a window
        Assert.True(watch.ShouldTrim(501 * MB));   // 1 MB in a window: quiet, never trimmed yet
        Assert.False(watch.ShouldTrim(502 * MB));  // still quiet, but trimmed 1 MB ago
        Assert.False(watch.ShouldTrim(503 * MB));
    }

    [Fact]
    public void A_busy_window_never_trims_and_the_quiet_one_after_it_does()
    {
        var watch = new IdleMemoryTrim.QuietWatch(quietBytes: 8 * MB, rearmBytes: 32 * MB);
        watch.ShouldTrim(0);
        Assert.True(watch.ShouldTrim(1 * MB));

        Assert.False(watch.ShouldTrim(200 * MB));  // a burst of intakes
        Assert.False(watch.ShouldTrim(400 * MB));
        Assert.True(watch.ShouldTrim(401 * MB));   // quiet again, 400 MB since the last trim
        Assert.False(watch.ShouldTrim(402 * MB));
    }

    [Fact]
    public void A_trickle_of_background_work_trims_again_only_once_the_rearm_amount_has_built_up()
    {
        var watch = new IdleMemoryTrim.QuietWatch(quietBytes: 8 * MB, rearmBytes: 32 * MB);
        watch.ShouldTrim(0);
        Assert.True(watch.ShouldTrim(2 * MB));
        var trims = 0;
        for (var window = 2; window <= 42; window++)
        {
            // 2 MB a window, every window quiet: 80 MB in all, so two more trims (at 34 and 66 MB), not forty.
            trims += watch.ShouldTrim((2 + window * 2) * MB) ? 1 : 0;
        }
        Assert.Equal(2, trims);
    }

    [Fact]
    public void A_window_exactly_at_the_quiet_limit_is_quiet_and_one_byte_over_is_not()
    {
        var atLimit = new IdleMemoryTrim.QuietWatch(quietBytes: 8 * MB, rearmBytes: 32 * MB);
        atLimit.ShouldTrim(0);
        Assert.True(atLimit.ShouldTrim(8 * MB));

        var over = new IdleMemoryTrim.QuietWatch(quietBytes: 8 * MB, rearmBytes: 32 * MB);
        over.ShouldTrim(0);
        Assert.False(over.ShouldTrim(8 * MB + 1));
    }

    [Fact]
    public async Task Running_quiet_it_collects_the_whole_heap()
    {
        // Every window counts as quiet here (the test process is busy with other tests), so the first tick trims.
        var options = Options.Create(new IdleMemoryTrimOptions { Window = TimeSpan.FromMilliseconds(50), QuietBytes = long.MaxValue, RearmBytes = long.MaxValue });
        using var trim = new IdleMemoryTrim(options, NullLogger<IdleMemoryTrim>.Instance);
        var before = GC.CollectionCount(GC.MaxGeneration);

        await trim.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (GC.CollectionCount(GC.MaxGeneration) == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        await trim.StopAsync(CancellationToken.None);

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before, "no full collection within 30 s of a quiet start");
    }

    [Fact]
    public void Every_service_host_runs_it_and_configuration_can_turn_it_off()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:IdleTrim:Enabled"] = "false",
            ["Memory:IdleTrim:Window"] = "00:00:30",
        });
        builder.AddServiceDefaults();
        using var host = builder.Build();

        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is IdleMemoryTrim);
        var options = host.Services.GetRequiredService<IOptions<IdleMemoryTrimOptions>>().Value;
        Assert.False(options.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Window);
    }
}
