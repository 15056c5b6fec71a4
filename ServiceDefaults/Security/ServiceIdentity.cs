using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.ServiceDefaults.Security;

/// <summary>
/// How a Cchc service proves who it is to another: <c>ServiceIdentity:BearerToken</c> (a token with
/// the <c>service</c> role, e.g. from the province's identity provider; the AppHost issues one in
/// Development) or <c>ServiceIdentity:ApiKey</c>.
/// </summary>
public static class ServiceIdentity
{
    public static IHttpClientBuilder AddServiceCredentials(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler(sp => new CredentialsHandler(sp.GetRequiredService<IConfiguration>()));

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["ServiceIdentity:BearerToken"]) || !string.IsNullOrEmpty(configuration["ServiceIdentity:ApiKey"]);

    private sealed class CredentialsHandler(IConfiguration configuration) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (configuration["ServiceIdentity:ApiKey"] is { Length: > 0 } key)
            {
                request.Headers.Remove(ApiKeyFormat.Header);
                request.Headers.Add(ApiKeyFormat.Header, key);
            }
            else if (configuration["ServiceIdentity:BearerToken"] is { Length: > 0 } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
