using Cchc.AppHost.Hosting;
using Cchc.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace Cchc.AppHost;

// An explicit entry class: a top-level Program would clash with the services' Program types in tests.
public static class AppHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(args);

        // Infrastructure: one PostgreSQL server with a database per service, one Redis-protocol cache.
        var postgres = builder.AddPostgres(Resources.Postgres);
        var directivesDb = postgres.AddDatabase(Resources.DirectivesDb);
        var dossiersDb = postgres.AddDatabase(Resources.DossiersDb);
        var indexesDb = postgres.AddDatabase(Resources.IndexesDb);
        var notificationsDb = postgres.AddDatabase(Resources.NotificationsDb);
        var cache = builder.AddGarnet(Resources.Cache);
        // A local mail server (python3-aiosmtpd) whose mail lands in .cchc/mail, unless ConnectionStrings:smtp names one.
        var smtp = builder.AddSmtp(Resources.Smtp);

        // Services: each owns its database; all share the cache.
        var directives = builder.AddProject(Resources.Directives, "services/Directives/Cchc.Directives.csproj")
            .WithReference(directivesDb).WithReference(cache)
            .WaitFor(directivesDb).WaitFor(cache);

        var dossiers = builder.AddProject(Resources.Dossiers, "services/Dossiers/Cchc.Dossiers.csproj")
            .WithReference(dossiersDb).WithReference(cache).WithReference(directives)
            .WaitFor(dossiersDb).WaitFor(cache);

        // Directives copies the working-day calendar from Dossiers; it keeps its last copy while Dossiers is down, so it does not wait for it.
        directives.WithReference(dossiers);

        var indexes = builder.AddProject(Resources.Indexes, "services/Indexes/Cchc.Indexes.csproj")
            .WithReference(indexesDb).WithReference(cache).WithReference(dossiers).WithReference(directives)
            .WaitFor(indexesDb).WaitFor(cache);

        var notifications = builder.AddProject(Resources.Notifications, "services/Notifications/Cchc.Notifications.csproj")
            .WithReference(notificationsDb).WithReference(cache)
            .WithReference(dossiers).WithReference(directives).WithReference(indexes)
            .WaitFor(notificationsDb).WaitFor(cache);
        if (smtp is not null)
        {
            notifications.WithReference(smtp).WaitFor(smtp);
        }

        // One API in front of everything, on fixed ports a developer can remember.
        builder.AddProject(Resources.Gateway, "gateway/Cchc.Gateway.csproj")
            .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:HttpPort", 5080))
            .WithGrpcEndpoint(port: builder.Configuration.GetValue("Gateway:GrpcPort", 5081))
            .WithReference(cache)
            .WithReference(directives).WithReference(dossiers).WithReference(indexes).WithReference(notifications)
            .WaitFor(cache).WaitFor(directives).WaitFor(dossiers).WaitFor(indexes).WaitFor(notifications);

        return await builder.Build().RunAsync();
    }
}
