using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace Cchc.Notifications.Webhooks;

/// <summary>
/// Subscribes an endpoint: validates the URL, the event types and the filter, refuses an address that
/// is not public (unless private networks are allowed), and stores the subscription with its sealed
/// secret only once the endpoint has answered the signed verification challenge.
/// </summary>
public sealed class SubscriptionHandler(NotificationsDbContext db, WebhookSender sender, IOptions<WebhookOptions> options, WebhookSecrets secrets,
    ILogger<SubscriptionHandler> logger)
{
    /// <summary>The stored subscription, and its signing secret in clear, which is shown once.</summary>
    public async Task<(WebhookSubscription Subscription, string Secret)> CreateAsync(string url, IReadOnlyList<string> eventTypes, IReadOnlyDictionary<string, string> filter,
        string description, Caller caller, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .RequireText(url, "url", 2000)
            .Require(url.Length == 0 || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "url", "must be an absolute http(s) URL")
            .Require(eventTypes.Count > 0, "event_types", "at least one event type (or a prefix such as dossier.*) is required")
            .Require(description.Length <= 500, "description", "must be at most 500 characters");
        foreach (var (pattern, i) in eventTypes.Select((p, i) => (p, i)))
        {
            validation.Require(pattern == "*" || EventTypeNames.IsValid(pattern), $"event_types[{i}]", "must be an event type like dossier.status_changed, a prefix like dossier.*, or *");
        }
        validation.ThrowIfInvalid();
        await EnsureReachableAddressAsync(url, cancellationToken);

        var subscription = new WebhookSubscription
        {
            Url = url,
            EventTypes = eventTypes.Distinct().ToList(),
            Filter = new Dictionary<string, string>(filter),
            Description = description.Trim(),
            Secret = WebhookSignature.NewSecret(),
            VerifiedAt = ServiceClock.System.UtcNow(),
            CreatedAt = ServiceClock.System.UtcNow(),
            CreatedBy = caller.Subject,
        };
        // The endpoint proves it is willing and able to receive before anything is stored.
        var challenge = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var verification = new JsonObject { ["type"] = "cchc.verification", ["challenge"] = challenge }.ToJsonString();
        var outcome = await sender.SendAsync(subscription, $"verify-{subscription.Id}", verification, cancellationToken);
        if (!outcome.Succeeded || !outcome.Answer.Contains(challenge, StringComparison.Ordinal))
        {
            // What the endpoint said is never echoed back: the caller learns only how it failed.
            throw RpcErrors.FailedPrecondition("WEBHOOK_VERIFICATION", url,
                "The endpoint did not confirm the subscription: it must answer the signed cchc.verification message with 2xx and the challenge in its body ("
                + (outcome.HttpStatus == 0 ? "no answer: it could not be reached or did not answer in time" : $"it answered HTTP {outcome.HttpStatus}"
                    + (outcome.Succeeded ? " without the challenge" : "")) + ").");
        }
        var secret = subscription.Secret;
        subscription.Secret = secrets.Seal(subscription.Id, secret);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Webhook {SubscriptionId} to {Url} for {EventTypes} created", subscription.Id, subscription.Url, subscription.EventTypes);
        return (subscription, secret);
    }

    /// <summary>
    /// Refuses at once a URL whose host is, or resolves to, a loopback, link-local, private or reserved
    /// address (unless Webhooks:AllowPrivateNetworks). Deliveries check again at every connection.
    /// </summary>
    private async Task EnsureReachableAddressAsync(string url, CancellationToken cancellationToken)
    {
        if (options.Value.AllowPrivateNetworks)
        {
            return;
        }
        var host = new Uri(url).Host;
        System.Net.IPAddress[] addresses;
        try
        {
            addresses = await WebhookNetwork.ResolveAsync(host, cancellationToken);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return; // An unknown name fails verification (FAILED_PRECONDITION).
        }
        if (addresses.Length == 0 || !addresses.All(WebhookNetwork.IsPublic))
        {
            throw RpcErrors.InvalidArgument(new FieldViolation("url",
                "must reach a public address: loopback, link-local (e.g. 169.254.169.254), private, shared, multicast and reserved addresses are refused"));
        }
    }
}
