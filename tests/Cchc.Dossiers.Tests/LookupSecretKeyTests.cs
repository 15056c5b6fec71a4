using Cchc.ServiceDefaults;
using Cchc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cchc.Dossiers.Tests;

/// <summary>In Production the lookup-secret key comes from the secret store, not from the database beside the hashes.</summary>
public sealed class LookupSecretKeyTests
{
    private static Exception? Start(params (string Key, string Value)[] settings)
    {
        TestInfrastructure.EnsureCache();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production");
            // Nothing is reached before the options are checked; a database that does not exist will do.
            host.UseSetting($"ConnectionStrings:{Resources.DossiersDb}", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none");
            host.UseSetting($"ConnectionStrings:{Resources.Cache}", TestInfrastructure.CacheConnectionString);
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
        });
        try
        {
            _ = factory.Server;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    [Fact]
    public void Production_refuses_to_start_without_a_configured_key_unless_told_to_keep_one_in_the_database()
    {
        const string refusal = "Dossiers:LookupSecretKey must come from the secret store";

        var withoutKey = Start();
        var allowed = Start(("Dossiers:AllowStoredLookupSecretKey", "true"));
        var withKey = Start(("Dossiers:LookupSecretKey", Convert.ToBase64String(new byte[32])));

        Assert.Contains(refusal, withoutKey?.ToString());
        Assert.DoesNotContain(refusal, allowed?.ToString() ?? "");
        Assert.DoesNotContain(refusal, withKey?.ToString() ?? "");
    }
}
