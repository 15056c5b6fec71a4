using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Cchc.Hosting.Local;
using Cchc.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Cchc.AppHost;

/// <summary>What a project references (a connection string) and, when Cchc runs it here, the server resource to wait for.</summary>
public sealed record LocalDependency(IResourceBuilder<IResourceWithConnectionString> ConnectionString, IResourceBuilder<IResource>? Server);

/// <summary>
/// The infrastructure as Aspire resources without a container engine: the machine's PostgreSQL
/// binaries and Garnet as processes under DCP, each with a health check, exposing connection strings
/// exactly as <c>AddPostgres(…).AddDatabase(…)</c> and <c>AddRedis</c> would. A
/// <c>ConnectionStrings:&lt;name&gt;</c> in configuration means: use that existing server instead.
/// </summary>
public static class LocalResources
{
    /// <summary>PostgreSQL: one private cluster (initdb once into the data folder, kept between runs) and a database per service.</summary>
    public static async Task<IReadOnlyDictionary<string, LocalDependency>> AddLocalPostgresAsync(this IDistributedApplicationBuilder builder, string name,
        string dataDirectory, params string[] databaseNames)
    {
        if (builder.Configuration.GetConnectionString(name) is { Length: > 0 } external)
        {
            // An existing server: each database on it (the services' migrations create a missing one).
            return databaseNames.ToDictionary(db => db, db => new LocalDependency(
                builder.AddConnectionString(db, ReferenceExpression.Create($"{new NpgsqlConnectionStringBuilder(external) { Database = db }.ConnectionString}")), null));
        }
        if (PostgresServer.FindBinaries() is null)
        {
            throw new DistributedApplicationException(PostgresServer.MissingBinaries);
        }
        var clusterDirectory = Path.Combine(dataDirectory, "postgres");
        if (!PostgresServer.ServiceAccountCanReach(clusterDirectory))
        {
            // E.g. a clone under /root (mode 700): keep the cluster where the postgres account can reach it,
            // at a stable place per repository so its data is still kept between runs.
            var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clusterDirectory)))[..12].ToLowerInvariant();
            clusterDirectory = Path.Combine("/var/lib/cchc", key, "postgres");
        }
        var port = Ports.Free();
        var (fileName, arguments, password) = await PostgresServer.PrepareAsync(clusterDirectory, port);
        // For tools run beside the stack (the bench): where the cluster listens; its password is in <cluster>.password.
        Directory.CreateDirectory(dataDirectory);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "postgres.endpoint"), $"127.0.0.1:{port}");
        var serverConnection = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Password = password }.ConnectionString;

        var healthCheck = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(serverConnection + ";Timeout=2;Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        });
        var server = builder.AddExecutable(name, fileName, "/", [.. arguments])
            .WithEndpoint(name: "tcp", port: port, targetPort: port, scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck)
            .WithUrlForEndpoint("tcp", url => url.DisplayText = $"{clusterDirectory}");
        var passwordParameter = builder.AddParameter($"{name}-password", password, secret: true);
        return databaseNames.ToDictionary(db => db, db => new LocalDependency(
            builder.AddConnectionString(db, ReferenceExpression.Create($"Host=127.0.0.1;Port={port.ToString()};Username=postgres;Password={passwordParameter.Resource};Database={db}")),
            (IResourceBuilder<IResource>)server));
    }

    /// <summary>The Redis-protocol cache: Garnet as a small project on a free port, with a RESP PING health check.</summary>
    public static LocalDependency AddLocalCache(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.Configuration.GetConnectionString(name) is { Length: > 0 })
        {
            return new LocalDependency(builder.AddConnectionString(name), null);
        }
        var port = Ports.Free();
        var healthCheck = $"{name}-answers-ping";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), cancellationToken);
                var answer = new byte[7];
                var read = await stream.ReadAsync(answer, cancellationToken);
                return Encoding.ASCII.GetString(answer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)
                    ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("no PONG");
            }
            catch (SocketException ex)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        });
        var server = builder.AddProject<Projects.Cchc_CacheServer>("garnet")
            .WithArgs("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1")
            .WithEndpoint(name: "resp", port: port, targetPort: port, scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck);
        return new LocalDependency(builder.AddConnectionString(name, ReferenceExpression.Create($"127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}")), server);
    }

    /// <summary>
    /// Mail: Debian's aiosmtpd writing every message into <paramref name="maildir"/>, unless
    /// <c>ConnectionStrings:smtp</c> names a real server. Without either, a resource that says e-mail is off.
    /// </summary>
    public static LocalDependency? AddLocalMail(this IDistributedApplicationBuilder builder, string name, string maildir)
    {
        if (builder.Configuration.GetConnectionString(name) is { Length: > 0 })
        {
            return new LocalDependency(builder.AddConnectionString(name), null);
        }
        if (SmtpServer.PythonPath is not { } python)
        {
            builder.AddResource(new MailOffResource(name)).WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Mail",
                State = new ResourceStateSnapshot("E-mail off: install python3-aiosmtpd or set ConnectionStrings:smtp", KnownResourceStateStyles.Warn),
                Properties = [],
            });
            return null;
        }
        foreach (var folder in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, folder));
        }
        var port = Ports.Free();
        var healthCheck = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException ex)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        });
        // -n: never switch to "nobody"; -u: SMTPUTF8, for Vietnamese addresses and headers.
        var server = builder.AddExecutable($"{name}-server", python, "/",
                "-m", "aiosmtpd", "-n", "-u", "-c", "aiosmtpd.handlers.Mailbox", "-l", $"127.0.0.1:{port}", maildir)
            .WithEndpoint(name: "smtp", port: port, targetPort: port, scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck);
        return new LocalDependency(builder.AddConnectionString(name, ReferenceExpression.Create($"Endpoint=smtp://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}")), server);
    }

    /// <summary>The references and settings every Cchc project gets: its database, the cache, and its identity.</summary>
    public static IResourceBuilder<ProjectResource> WithCchcDefaults(this IResourceBuilder<ProjectResource> project, DevelopmentIdentity? identity,
        LocalDependency? database, LocalDependency cache)
    {
        foreach (var dependency in new[] { database, cache })
        {
            if (dependency is null)
            {
                continue;
            }
            project.WithReference(dependency.ConnectionString);
            if (dependency.Server is { } server)
            {
                project.WaitFor(server);
            }
        }
        // Healthy when its own /health says so (database migrated, cache reachable), not merely started: what waits for it waits for that.
        project.WithHttpHealthCheck(ServiceDefaultsExtensions.HealthPath);
        // A service's ports come from its appsettings (51x0/51x1, fixed for a developer); a second stack on the
        // same machine (the benchmark, another clone's) asks for free ones with AppHost:ServicePorts=dynamic.
        var dynamicPorts = project.Resource.Name != Resources.Gateway
            && string.Equals(project.ApplicationBuilder.Configuration["AppHost:ServicePorts"], "dynamic", StringComparison.OrdinalIgnoreCase);
        // Each process listens on its endpoint's port itself rather than behind DCP's TCP proxy: every call
        // (client → gateway → service) otherwise crossed that proxy twice, about 10 % of a proxied read's CPU.
        foreach (var endpoint in new[] { Resources.HttpEndpoint, Resources.GrpcEndpoint })
        {
            project.WithEndpoint(endpoint, e =>
            {
                if (dynamicPorts || e.Port is null)
                {
                    e.Port = Ports.Free();
                }
                e.TargetPort = e.Port;
                e.IsProxied = false;
            }, createIfNotExists: false);
        }
        // Every trace is recorded by default (what a developer wants in the dashboard); AppHost:TraceSampleRatio
        // records that share of requests' traces instead, decided once where a trace starts (the gateway) and
        // followed by every service it calls — what a deployment under load does, and what the benchmark uses.
        if (project.ApplicationBuilder.Configuration["AppHost:TraceSampleRatio"] is { Length: > 0 } ratio)
        {
            project.WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", ratio);
        }
        // One line per entry in the console logs, with the scopes that carry the request's correlation id.
        project.WithEnvironment("Logging__Console__FormatterName", "simple")
            .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true")
            .WithEnvironment("Logging__Console__FormatterOptions__IncludeScopes", "true");
        if (identity is not null)
        {
            foreach (var (key, value) in identity.TrustConfiguration().Concat(identity.ServiceCredentials(project.Resource.Name)))
            {
                project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }
        return project;
    }

    /// <summary>In Development, the local issuer of officials' tokens (a token per demo role, in the data folder and the dashboard's parameters).</summary>
    public static DevelopmentIdentity? AddDevelopmentIdentity(this IDistributedApplicationBuilder builder, string dataDirectory)
    {
        if (!builder.Environment.IsDevelopment())
        {
            return null;
        }
        var identity = DevelopmentIdentity.LoadOrCreate(dataDirectory);
        foreach (var (role, token) in identity.WriteDemoTokens(dataDirectory))
        {
            builder.AddParameter($"dev-token-{role.Replace('_', '-')}", token, secret: true);
        }
        return identity;
    }

    /// <summary>
    /// In Development, the demo officials' tokens (the <c>dev-token-&lt;role&gt;</c> parameters) as
    /// <c>DevelopmentTokens:&lt;role&gt;</c>, for a project that lets a developer sign in as one of them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDevelopmentTokens(this IResourceBuilder<ProjectResource> project)
    {
        const string prefix = "dev-token-";
        foreach (var parameter in project.ApplicationBuilder.Resources.OfType<ParameterResource>().Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            var role = parameter.Name[prefix.Length..].Replace('-', '_');
            project.WithEnvironment($"DevelopmentTokens__{role}", project.ApplicationBuilder.CreateResourceBuilder(parameter));
        }
        return project;
    }

    private sealed class MailOffResource(string name) : Resource(name);
}
