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
/// (which tops out near 4 000 calls/s on 2 cores): h2load for unary gRPC calls and plain HTTP/1.1 POSTs,
/// pgbench for PostgreSQL. The one place that runs h2load.
/// </summary>
public static partial class ExternalLoad
{
    public const string PgBench = "/usr/lib/postgresql/15/bin/pgbench";

    /// <summary>
    /// How h2load loads a server: <see cref="Connections"/> connections with up to <see cref="Streams"/> requests in
    /// flight on each (HTTP/2 streams; over HTTP/1.1 keep it 1), as fast as the server answers or, with
    /// <see cref="RatePerConnection"/>, that many requests per second per connection; <see cref="Seconds"/> measured
    /// after a 2 s warm-up.
    /// </summary>
    public sealed record H2Load(int Connections, int Streams, int? RatePerConnection = null, int Seconds = 8)
    {
        /// <summary>The throughput load: 64 calls in flight, so its latency is mostly queueing.</summary>
        public static readonly H2Load Saturating = new(4, 16);

        /// <summary>
        /// A run whose figure is not printed, before the first measured run of a call the stack has not served under
        /// load yet: h2load's own 2 s of warm-up do not cover the tiering-up of a fresh code path on a busy 2-core machine.
        /// </summary>
        public static readonly H2Load WarmUp = new(4, 16, Seconds: 5);

        /// <summary>For a row's label: "4x16", or "4x4 at 100/s" (the rate offered in all).</summary>
        public string Label => RatePerConnection is { } rate
            ? $"{Connections}x{Streams} at {Connections * rate}/s"
            : $"{Connections}x{Streams}";
    }

    /// <summary>
    /// One h2load figure: its rate (req/s over the measured time, as h2load prints it) and the latency of the
    /// requests answered with a 2xx or 3xx status in the measured time, from its per-request log.
    /// </summary>
    public sealed record H2Figure(double PerSecond, double MeanMs, double P50Ms, double P99Ms, long Succeeded, long Failed)
    {
        /// <summary>The row every h2load figure prints, in the bench's column layout.</summary>
        public void Print(string what) =>
            Console.WriteLine($"{what,-90} {PerSecond,8:0} /s  mean {MeanMs,6:0.0} ms  p50 {P50Ms,6:0.0} ms  p99 {P99Ms,6:0.0} ms  ({Failed} failed)");
    }

    /// <summary>A ratio row under the figures it relates (e.g. "gateway / direct").</summary>
    public static void PrintRatio(string what, double ratio, string note) =>
        Console.WriteLine($"{"  " + what,-90} {ratio,8:0.000}      ({note})");

    /// <summary>A latency goal's row: the p99 beside the goal, met or not.</summary>
    public static void PrintGoal(string what, double p99Ms, double goalMs) =>
        Console.WriteLine($"{"  " + what,-90} {p99Ms,8:0.0} ms   (goal < {goalMs:0} ms: {(p99Ms < goalMs ? "met" : "not met")})");

    /// <summary>
    /// A unary gRPC call with h2load (by default <see cref="H2Load.Saturating"/>): the request pre-encoded
    /// (5-byte length prefix + protobuf), the grpc-status of one sample checked first (h2load sees only the
    /// HTTP status, 200 for any gRPC answer).
    /// </summary>
    public static async Task<H2Figure> UnaryAsync(Uri server, string method, IMessage request, string? token, H2Load? load = null)
    {
        var body = Frame(request);
        await CheckSampleAsync(server, method, body, token);
        List<string> headers = ["content-type: application/grpc", "te: trailers"];
        if (token is not null)
        {
            headers.Add($"authorization: Bearer {token}");
        }
        return await LoadAsync(new Uri(server, method), body, headers, load ?? H2Load.Saturating, http1: false);
    }

    /// <summary>
    /// POSTs of <paramref name="body"/> to a plain HTTP/1.1 endpoint with h2load (<c>--h1</c>, one request at a time per
    /// connection); every answer must be 2xx or 3xx to count as succeeded.
    /// </summary>
    public static Task<H2Figure> PostHttp1Async(Uri url, string contentType, byte[] body, H2Load load) =>
        LoadAsync(url, body, [$"content-type: {contentType}"], load, http1: true);

    private static async Task<H2Figure> LoadAsync(Uri url, byte[] body, IEnumerable<string> headers, H2Load load, bool http1)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cchc-bench-{Guid.NewGuid():N}.bin");
        var log = Path.ChangeExtension(file, ".log");
        await File.WriteAllBytesAsync(file, body);
        try
        {
            var args = new List<string>
            {
                "-c", load.Connections.ToString(CultureInfo.InvariantCulture), "-m", load.Streams.ToString(CultureInfo.InvariantCulture),
                // h2load refuses more threads than clients.
                "-t", Math.Min(2, load.Connections).ToString(CultureInfo.InvariantCulture),
                "--warm-up-time=2", "-D", load.Seconds.ToString(CultureInfo.InvariantCulture), $"--log-file={log}", "-d", file,
            };
            if (load.RatePerConnection is { } rate)
            {
                args.Add($"--rps={rate.ToString(CultureInfo.InvariantCulture)}");
            }
            if (http1)
            {
                args.Add("--h1");
            }
            foreach (var header in headers)
            {
                args.AddRange(["-H", header]);
            }
            args.Add(url.ToString());
            var output = await RunAsync("h2load", args);
            var rateLine = H2Rate().Match(output);
            var requests = H2Requests().Match(output);
            if (!rateLine.Success || !requests.Success)
            {
                throw new InvalidOperationException($"h2load said:\n{output}");
            }
            var (mean, p50, p99) = await LatenciesAsync(log);
            return new H2Figure(
                double.Parse(rateLine.Groups[1].Value, CultureInfo.InvariantCulture),
                mean, p50, p99,
                long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(requests.Groups[2].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(file);
            File.Delete(log);
        }
    }

    /// <summary>
    /// Mean, p50 and p99 (nearest rank, ms) from h2load's <c>--log-file</c>: one line per request finished in the
    /// measured time (not the warm-up), tab-separated: start (µs since the epoch), HTTP status (-1 for a failed
    /// stream), µs from sending the request to the end of its response. Only 2xx and 3xx answers are counted.
    /// </summary>
    private static async Task<(double Mean, double P50, double P99)> LatenciesAsync(string log)
    {
        var micros = new List<long>();
        foreach (var line in await File.ReadAllLinesAsync(log))
        {
            var columns = line.Split('\t');
            if (columns.Length >= 3 && int.TryParse(columns[1], CultureInfo.InvariantCulture, out var status) && status is >= 200 and < 400
                && long.TryParse(columns[2], CultureInfo.InvariantCulture, out var us))
            {
                micros.Add(us);
            }
        }
        if (micros.Count == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }
        micros.Sort();
        double Rank(double p) => micros[Math.Max(0, (int)Math.Ceiling(p * micros.Count) - 1)] / 1000.0;
        return (micros.Average() / 1000.0, Rank(0.50), Rank(0.99));
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

    [GeneratedRegex(@"finished in [\d.]+\w+, ([\d.]+) req/s")]
    private static partial Regex H2Rate();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed")]
    private static partial Regex H2Requests();

    [GeneratedRegex(@"tps = ([\d.]+)")]
    private static partial Regex PgTps();

    [GeneratedRegex(@"latency average = ([\d.]+) ms")]
    private static partial Regex PgLatency();

    [GeneratedRegex(@":(\d+)\s+\S+\s+users:\(\(""[^""]*"",pid=(\d+)")]
    private static partial Regex ListenLine();
}
