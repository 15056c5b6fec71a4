using System.Security.Claims;
using Cchc.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace Cchc.Shared.Tests;

/// <summary>The cache of validated bearer tokens (<c>ServiceDefaults/Security/ValidatedTokens.cs</c>).</summary>
public sealed class ValidatedTokensTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal Official(string subject) =>
        new(new ClaimsIdentity([new Claim(CchcClaims.Subject, subject), new Claim(CchcClaims.Role, Roles.DeskOfficer)], "Bearer", CchcClaims.Subject, CchcClaims.Role));

    private static MessageReceivedContext Request(string scheme, string? authorization)
    {
        var http = new DefaultHttpContext();
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }
        return new MessageReceivedContext(http, new AuthenticationScheme(scheme, null, typeof(JwtBearerHandler)), new JwtBearerOptions());
    }

    [Fact]
    public void A_validated_token_is_known_for_at_most_a_minute_even_when_it_lives_an_hour()
    {
        var clock = new Clock(Start);
        var tokens = new ValidatedTokens(clock);
        tokens.Remember("Bearer", "t1", Official("a"), Start.UtcDateTime, Start.AddHours(1).UtcDateTime);

        Assert.Equal("Bearer", tokens.SchemeOf("t1"));
        clock.Now = Start + ValidatedTokens.MaxAge - TimeSpan.FromSeconds(1);
        Assert.Equal("Bearer", tokens.SchemeOf("t1"));
        clock.Now = Start + ValidatedTokens.MaxAge;
        Assert.Null(tokens.SchemeOf("t1"));
        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public void A_token_is_never_admitted_from_the_cache_after_its_own_expiry()
    {
        var clock = new Clock(Start);
        var tokens = new ValidatedTokens(clock);
        tokens.Remember("Bearer", "short", Official("a"), Start.UtcDateTime, Start.AddSeconds(10).UtcDateTime);
        tokens.Remember("Bearer", "expired", Official("b"), Start.AddHours(-1).UtcDateTime, Start.AddSeconds(-1).UtcDateTime);

        clock.Now = Start.AddSeconds(9);
        Assert.Equal("Bearer", tokens.SchemeOf("short"));
        clock.Now = Start.AddSeconds(10);
        Assert.Null(tokens.SchemeOf("short"));
        Assert.Null(tokens.SchemeOf("expired"));
    }

    [Fact]
    public void A_cached_token_admits_only_for_the_scheme_that_validated_it_with_its_claims()
    {
        var tokens = new ValidatedTokens(new Clock(Start));
        tokens.Remember("Service", "svc", Official("dossiers"), Start.UtcDateTime, Start.AddMinutes(5).UtcDateTime);

        var asBearer = Request("Bearer", "Bearer svc");
        tokens.TryAdmit(asBearer);
        Assert.Null(asBearer.Result);

        var asService = Request("Service", "bearer  svc ");
        tokens.TryAdmit(asService);
        Assert.True(asService.Result?.Succeeded);
        Assert.Equal("dossiers", asService.Result!.Principal!.FindFirst(CchcClaims.Subject)?.Value);
        Assert.Equal("Service", asService.Result.Ticket!.AuthenticationScheme);
        Assert.Equal(Start.AddMinutes(5), asService.Result.Properties!.ExpiresUtc);

        var unknown = Request("Service", "Bearer other");
        tokens.TryAdmit(unknown);
        Assert.Null(unknown.Result);
        var none = Request("Service", null);
        tokens.TryAdmit(none);
        Assert.Null(none.Result);
    }

    [Fact]
    public void A_full_cache_drops_its_expired_tokens_before_refusing_new_ones()
    {
        var clock = new Clock(Start);
        var tokens = new ValidatedTokens(clock);
        for (var i = 0; i < ValidatedTokens.Capacity - 1; i++)
        {
            tokens.Remember("Bearer", $"long-{i}", Official("a"), Start.UtcDateTime, Start.AddHours(1).UtcDateTime);
        }
        tokens.Remember("Bearer", "short", Official("b"), Start.UtcDateTime, Start.AddSeconds(5).UtcDateTime);
        Assert.Equal(ValidatedTokens.Capacity, tokens.Count);

        tokens.Remember("Bearer", "refused", Official("c"), Start.UtcDateTime, Start.AddHours(1).UtcDateTime);
        Assert.Null(tokens.SchemeOf("refused"));

        clock.Now = Start.AddSeconds(6);
        tokens.Remember("Bearer", "admitted", Official("d"), Start.UtcDateTime, Start.AddHours(1).UtcDateTime);
        Assert.Equal("Bearer", tokens.SchemeOf("admitted"));
        Assert.Equal(ValidatedTokens.Capacity, tokens.Count);
    }
}
