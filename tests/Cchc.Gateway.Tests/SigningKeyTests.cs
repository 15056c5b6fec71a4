using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cchc.Gateway.Tests;

/// <summary>The officials' token signing keys from configuration are read once, not on every validation (ServiceDefaults/Security/SecurityDefaults.cs).</summary>
public sealed class SigningKeyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public void The_configured_signing_keys_are_the_same_objects_at_every_validation()
    {
        var options = fixture.Factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        var first = options.TokenValidationParameters.IssuerSigningKeys.ToList();
        var second = options.TokenValidationParameters.IssuerSigningKeys.ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), pair => Assert.Same(pair.First, pair.Second));
    }
}
