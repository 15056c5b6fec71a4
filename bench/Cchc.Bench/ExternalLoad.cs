using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Cchc.Hosting.Local;
using Google.Protobuf;
using Npgsql;

namespace Cchc.Bench;

/// <summary>
/// Load from outside the bench's own process, so a figure is the server's and not the .NET client's
/// (which tops out near 4 000 calls/s on 2 cores): h2load for unary gRPC calls, pgbench for PostgreSQL.
/// </summary>
public static partial class ExternalLoad
{
    public const string PgBench = "/usr/lib/postgresql/15/bin/pgbench";

    /// <summary>One h2load figure.</summary>
    public sealed record H2Figure(double PerSecond, double MeanMs, long Succeeded, long Failed);

    /// <summary>
    /// A unary gRPC call with h2load (4 connections × 16 streams, 2 s warm-up, then <paramref name="seconds"/> s):
    /// the request pre-encoded (5-byte length prefix + protobuf), the grpc-status of one sample checked first.
    /// </summary>
    public static async Task<H2Figure> UnaryAsync(Uri server, string method, IMessage request, string? token, int seconds = 8)
    {
        var body = Frame(request);
        await CheckSampleAsync(server, method, body, token);
        var file = Path.Combine(Path.GetTempPath(), $"cchc-bench-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(file, body);
        try
        {
            var args = new List<string>
            {
                "-c", "4", "-m", "16", "-t", "2", "--warm-up-time=2", "-D", seconds.ToString(CultureInfo.InvariantCulture),
                "-d", file, "-H", "content-type: application/grpc", "-H", "te: trailers",
            };
            if (token is not null)
            {
                args.AddRange(["-H", $"authorization: Bearer {token}"]);
            }
            args.Add(new Uri(server, method).ToString());
            var output = await RunAsync("h2load", args);
            var rate = H2Rate().Match(output);
            var requests = H2Requests().Match(output);
            var mean = H2Mean().Match(output);
            if (!rate.Success || !requests.Success)
            {
                throw new InvalidOperationException($"h2load said:\n{output}");
            }
            return new H2Figure(
                double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
                mean.Success ? ToMs(mean.Groups[1].Value, mean.Groups[2].Value) : double.NaN,
                long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(requests.Groups[2].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Durable single-row INSERTs into <paramref name="database"/> of the stack's PostgreSQL with pgbench: (TPS, mean latency ms).</summary>
    public static async Task<(double Tps, double MeanMs)> InsertCeilingAsync(AppHostProcess stack, string database, int clients, int seconds)
    {
        var connection = new NpgsqlConnectionStringBuilder(stack.PostgresConnectionString(database));
        var script = Path.Combine(Path.GetTempPath(), $"cchc-bench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, "INSERT INTO rows (code, payload) VALUES ('QT.SKHCN-' || :client_id, '{\"status\":2}'::jsonb);\n");
        try
        {
            var output = await RunAsync(PgBench,
                ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture),
                 "-f", script, "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, database],
                new Dictionary<string, string> { ["PGPASSWORD"] = connection.Password! });
            var tps = PgTps().Match(output);
            var latency = PgLatency().Match(output);
            if (!tps.Success)
            {
                throw new InvalidOperationException($"pgbench said:\n{output}");
            }
            return (double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
                latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// The gRPC (h2c) endpoint a service of this stack really listens on, behind the proxies DCP puts in
    /// front of every project: its process is found by the stack's PostgreSQL port in its connection string.
    /// </summary>
    public static async Task<Uri> DirectGrpcEndpointAsync(AppHostProcess stack, string assemblyName, string database)
    {
        var port = new NpgsqlConnectionStringBuilder(stack.PostgresConnectionString(database)).Port;
        var marker = $"Port={port}";
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var cmdline = await File.ReadAllTextAsync(Path.Combine(dir, "cmdline"));
                if (!cmdline.Contains(assemblyName, StringComparison.Ordinal) || cmdline.Contains("dotnet\0run", StringComparison.Ordinal))
                {
                    continue;
                }
                var environ = await File.ReadAllTextAsync(Path.Combine(dir, "environ"));
                if (!environ.Contains(marker, StringComparison.Ordinal))
                {
                    continue;
                }
                var pid = Path.GetFileName(dir);
                var listening = await RunAsync("ss", ["-ltnpH"]);
                foreach (Match m in ListenLine().Matches(listening))
                {
                    if (m.Groups[2].Value != pid)
                    {
                        continue;
                    }
                    var candidate = new Uri($"http://127.0.0.1:{m.Groups[1].Value}/");
                    if (await SpeaksH2cAsync(candidate))
                    {
                        return candidate;
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        throw new InvalidOperationException($"No process of {assemblyName} on this stack's PostgreSQL (port {port}) listens for h2c.");
    }

    /// <summary>Resident memory (MB) of each Cchc process of this stack (found as in <see cref="DirectGrpcEndpointAsync"/>), by name.</summary>
    public static async Task<SortedDictionary<string, double>> ServiceMemoryAsync(AppHostProcess stack)
    {
        var marker = $"Port={new NpgsqlConnectionStringBuilder(stack.PostgresConnectionString("postgres")).Port}";
        var found = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var cmdline = await File.ReadAllTextAsync(Path.Combine(dir, "cmdline"));
                var name = ServiceName().Match(cmdline);
                if (!name.Success || cmdline.Contains("dotnet\0run", StringComparison.Ordinal)
                    || !(await File.ReadAllTextAsync(Path.Combine(dir, "environ"))).Contains(marker, StringComparison.Ordinal))
                {
                    continue;
                }
                var rss = VmRss().Match(await File.ReadAllTextAsync(Path.Combine(dir, "status")));
                if (rss.Success)
                {
                    found[name.Groups[1].Value] = long.Parse(rss.Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    [GeneratedRegex(@"(Cchc\.(?:Directives|Dossiers|Indexes|Notifications))(?:\.dll)?\0")]
    private static partial Regex ServiceName();

    [GeneratedRegex(@"VmRSS:\s+(\d+) kB")]
    private static partial Regex VmRss();

    private static async Task<bool> SpeaksH2cAsync(Uri server)
    {
        try
        {
            await CheckSampleAsync(server, "/grpc.health.v1.Health/Check", Frame(new Grpc.Health.V1.HealthCheckRequest()), token: null);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static byte[] Frame(IMessage request)
    {
        var message = request.ToByteArray();
        var body = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)message.Length);
        message.CopyTo(body, 5);
        return body;
    }

    private static async Task CheckSampleAsync(Uri server, string method, byte[] body, string? token)
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(10) };
        using var call = new HttpRequestMessage(HttpMethod.Post, new Uri(server, method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        call.Content.Headers.ContentType = new("application/grpc");
        call.Headers.TE.ParseAdd("trailers");
        if (token is not null)
        {
            call.Headers.Authorization = new("Bearer", token);
        }
        using var response = await http.SendAsync(call);
        await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.First()
            : response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : "none";
        if (response.StatusCode != HttpStatusCode.OK || status != "0")
        {
            throw new InvalidOperationException($"{method} at {server}: HTTP {(int)response.StatusCode}, grpc-status {status}");
        }
    }

    private static async Task<string> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await stdout + await stderr;
    }

    private static double ToMs(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "us" => 0.001, "s" => 1000, _ => 1 };

    [GeneratedRegex(@"finished in [\d.]+\w+, ([\d.]+) req/s")]
    private static partial Regex H2Rate();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed")]
    private static partial Regex H2Requests();

    [GeneratedRegex(@"time for request:\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)\b")]
    private static partial Regex H2Mean();

    [GeneratedRegex(@"tps = ([\d.]+)")]
    private static partial Regex PgTps();

    [GeneratedRegex(@"latency average = ([\d.]+) ms")]
    private static partial Regex PgLatency();

    [GeneratedRegex(@":(\d+)\s+\S+\s+users:\(\(""[^""]*"",pid=(\d+)")]
    private static partial Regex ListenLine();
}
