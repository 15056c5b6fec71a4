using Microsoft.AspNetCore.Components.Authorization;

namespace Cchc.Console.Identity;

/// <summary>
/// The access token of the official this circuit (or request) belongs to, read from the signed-in
/// principal; none for the citizens' pages, whose calls are anonymous.
/// </summary>
public sealed class OfficialToken(AuthenticationStateProvider authentication)
{
    public async Task<string?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirst(Official.AccessTokenClaim)?.Value;
    }
}
