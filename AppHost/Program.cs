using Cchc.AppHost;
using Cchc.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
var dataDirectory = Path.GetFullPath(builder.Configuration["AppHost:DataDirectory"] ?? Path.Combine(repositoryRoot, ".cchc"), repositoryRoot);

// Infrastructure, from this machine's own binaries (no container engine needed), unless
// ConnectionStrings:postgres / :cache / :smtp name existing servers.
var databases = await builder.AddLocalPostgresAsync(Resources.Postgres, dataDirectory,
    Resources.DirectivesDb, Resources.DossiersDb, Resources.IndexesDb, Resources.NotificationsDb);
var cache = builder.AddLocalCache(Resources.Cache);
var smtp = builder.AddLocalMail(Resources.Smtp, Path.Combine(dataDirectory, "mail"));

// In Development: a local token issuer for the officials, and a key pair per service.
var identity = builder.AddDevelopmentIdentity(dataDirectory);

// Services: each owns its database; all share the cache.
var directives = builder.AddProject<Projects.Cchc_Directives>(Resources.Directives)
    .WithCchcDefaults(identity, databases[Resources.DirectivesDb], cache);

var dossiers = builder.AddProject<Projects.Cchc_Dossiers>(Resources.Dossiers)
    .WithCchcDefaults(identity, databases[Resources.DossiersDb], cache)
    .WithReference(directives);

// Directives copies the working-day calendar from Dossiers and keeps its copy while Dossiers is down, so it does not wait for it.
directives.WithReference(dossiers);

var indexes = builder.AddProject<Projects.Cchc_Indexes>(Resources.Indexes)
    .WithCchcDefaults(identity, databases[Resources.IndexesDb], cache)
    .WithReference(dossiers).WithReference(directives)
    .WaitFor(dossiers).WaitFor(directives);

var notifications = builder.AddProject<Projects.Cchc_Notifications>(Resources.Notifications)
    .WithCchcDefaults(identity, databases[Resources.NotificationsDb], cache)
    .WithReference(dossiers).WithReference(directives).WithReference(indexes)
    .WaitFor(dossiers).WaitFor(directives);
if (builder.Environment.IsDevelopment())
{
    // A developer's webhook receivers (the portal, the benchmark) listen on this machine's loopback.
    notifications.WithEnvironment("Webhooks__AllowPrivateNetworks", "true")
        // Webhook signing secrets are sealed at rest with a key kept in the data folder (mode 600).
        .WithEnvironment("Webhooks__SecretEncryptionKey", DevelopmentIdentity.LoadOrCreateKey(dataDirectory, "webhook-secrets.key"));
}
if (smtp is not null)
{
    notifications.WithReference(smtp.ConnectionString);
    if (smtp.Server is { } mailServer)
    {
        notifications.WaitFor(mailServer);
    }
}

// One API in front of everything, on fixed ports a developer (and the portal) can remember.
var gateway = builder.AddProject<Projects.Cchc_Gateway>(Resources.Gateway)
    .WithEndpoint(Resources.HttpEndpoint, e => e.Port = builder.Configuration.GetValue("Gateway:HttpPort", 5080))
    .WithEndpoint(Resources.GrpcEndpoint, e => e.Port = builder.Configuration.GetValue("Gateway:GrpcPort", 5081))
    .WithCchcDefaults(identity, database: null, cache)
    .WithReference(directives).WithReference(dossiers).WithReference(indexes).WithReference(notifications)
    .WaitFor(directives).WaitFor(dossiers).WaitFor(indexes).WaitFor(notifications);
// Per-caller limits other than the defaults (e.g. Gateway:RateLimits:OfficialPerMinute for a load test).
foreach (var limit in builder.Configuration.GetSection("Gateway:RateLimits").GetChildren())
{
    gateway.WithEnvironment($"RateLimits__{limit.Key}", limit.Value);
}

// The officials' console: every call goes through the gateway with the signed-in official's own token.
builder.AddProject<Projects.Cchc_Console>(Resources.Console)
    .WithEndpoint(Resources.HttpEndpoint, e => e.Port = builder.Configuration.GetValue("Console:HttpPort", 5090))
    .WithUrlForEndpoint(Resources.HttpEndpoint, u => u.DisplayText = "Bảng điều khiển cán bộ (console)")
    .WithEnvironment("Logging__Console__FormatterName", "simple")
    .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true")
    .WithReference(gateway).WaitFor(gateway)
    // The agency of an official whose token names none (the administrator); the province for the index
    // history is read from the services unless Console:IndexSubject names one.
    .WithEnvironment("Console__DefaultAgency", builder.Configuration["Console:DefaultAgency"] ?? "QT.SKHCN")
    .WithEnvironment("Console__IndexSubject", builder.Configuration["Console:IndexSubject"] ?? "")
    .WithDevelopmentTokens()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
