namespace Cchc.ServiceDefaults;

/// <summary>
/// One name per dependency, everywhere: the AppHost resource name is the
/// <c>ConnectionStrings:&lt;name&gt;</c> key and the service-discovery host.
/// </summary>
public static class Resources
{
    public const string Postgres = "postgres";
    public const string Cache = "cache";
    /// <summary>The mail server Notifications sends e-mail through (<c>ConnectionStrings:smtp</c>).</summary>
    public const string Smtp = "smtp";
    /// <summary>The SMS provider's HTTP endpoint (<c>ConnectionStrings:sms</c>).</summary>
    public const string Sms = "sms";

    public const string DirectivesDb = "directivesdb";
    public const string DossiersDb = "dossiersdb";
    public const string IndexesDb = "indexesdb";
    public const string NotificationsDb = "notificationsdb";

    public const string Directives = "directives";
    public const string Dossiers = "dossiers";
    public const string Indexes = "indexes";
    public const string Notifications = "notifications";
    public const string Gateway = "gateway";
    /// <summary>The officials' web console (web/Cchc.Console).</summary>
    public const string Console = "console";

    /// <summary>The four back-end services with the database each owns.</summary>
    public static readonly IReadOnlyList<(string Service, string Database)> ServiceDatabases =
    [
        (Directives, DirectivesDb),
        (Dossiers, DossiersDb),
        (Indexes, IndexesDb),
        (Notifications, NotificationsDb),
    ];

    /// <summary>Endpoint names: "http" serves HTTP/1.1 (REST, health), "grpc" serves cleartext HTTP/2.</summary>
    public const string HttpEndpoint = "http";
    public const string GrpcEndpoint = "grpc";
}
