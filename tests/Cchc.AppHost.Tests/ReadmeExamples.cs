using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cchc.AppHost.Tests;

/// <summary>
/// Every <c>curl</c> example of the README and of <c>docs/</c>, run as written against the running stack,
/// so the front door cannot rot. Commands run in order, in bash, with the development tokens sourced
/// as the README says (<c>source .cchc/dev-tokens.env</c>). Placeholders — <c>&lt;dossier code&gt;</c>,
/// <c>&lt;lookup secret&gt;</c>, <c>&lt;document id&gt;</c>, <c>&lt;key id&gt;</c>, <c>cchc_…</c> — take
/// the value an earlier example's answer gave. An example answers 2xx unless its line ends with
/// <c># → NNN</c>, the status it shows.
/// </summary>
public static partial class ReadmeExamples
{
    /// <summary>Placeholders and the JSON property of an earlier answer that fills each.</summary>
    private static readonly (string Placeholder, string Property)[] Fillers =
    [
        ("<dossier code>", "dossierCode"), ("<lookup secret>", "lookupSecret"), ("<document id>", "documentId"),
        ("<key id>", "keyId"), ("cchc_…", "plainKey"), ("<task id>", "taskId"),
    ];

    /// <summary>The documentation files whose examples are run: the README and every page under docs/.</summary>
    public static IEnumerable<string> Pages(string root) =>
        new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.Exists(Path.Combine(root, "docs"))
                ? Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                : []);

    /// <summary>Each curl command of a page's shell blocks, its continuation lines joined, with the status it expects.</summary>
    public static IEnumerable<(string Command, int? Expected)> Commands(string markdown)
    {
        var inFence = false;
        var inShell = false;
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                // A fence opens or closes a block; only an opening fence names a language. (The closing
                // fence of a ```csharp block is not the opening of a shell block.)
                var language = line.Trim().TrimStart('`');
                inShell = !inFence && language is "bash" or "sh" or "shell" or "";
                inFence = !inFence;
                continue;
            }
            if (!inShell || !line.TrimStart().StartsWith("curl ", StringComparison.Ordinal))
            {
                continue;
            }
            var command = line.Trim();
            // Joined while a line ends in a backslash or leaves a single quote open (a multi-line JSON body).
            while (i + 1 < lines.Length && (command.EndsWith('\\') || command.Count(c => c == '\'') % 2 == 1))
            {
                var next = lines[++i].TrimEnd('\r').Trim();
                command = command.EndsWith('\\') ? $"{command[..^1].TrimEnd()} {next}" : $"{command}\n{next}";
            }
            var (text, expected) = WithoutComment(command);
            yield return (text, expected);
        }
    }

    /// <summary>The command without a trailing <c># …</c> comment (outside quotes), and the status the comment names.</summary>
    private static (string Command, int? Expected) WithoutComment(string command)
    {
        var quote = '\0';
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && i > 0 && char.IsWhiteSpace(command[i - 1]))
            {
                var comment = command[(i + 1)..];
                var status = ExpectedStatus().Match(comment);
                return (command[..i].TrimEnd(), status.Success ? int.Parse(status.Groups[1].Value) : null);
            }
        }
        return (command, null);
    }

    [GeneratedRegex(@"→\s*(\d{3})\b")]
    private static partial Regex ExpectedStatus();

    /// <summary>Runs every example; returns one line per example that did not answer as the page says.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string root, Uri gateway, string tokensFile)
    {
        var failures = new List<string>();
        var values = new Dictionary<string, string>();
        var count = 0;
        foreach (var page in Pages(root))
        {
            foreach (var (written, expected) in Commands(await File.ReadAllTextAsync(page)))
            {
                count++;
                var command = written.Replace("http://127.0.0.1:5080", gateway.ToString().TrimEnd('/'), StringComparison.Ordinal)
                    .Replace("http://localhost:5080", gateway.ToString().TrimEnd('/'), StringComparison.Ordinal);
                foreach (var (placeholder, _) in Fillers)
                {
                    if (values.TryGetValue(placeholder, out var value))
                    {
                        command = command.Replace(placeholder, value, StringComparison.Ordinal);
                    }
                }
                var where = $"{Path.GetFileName(page)}: {written[..Math.Min(written.Length, 160)]}";
                if (Fillers.FirstOrDefault(f => command.Contains(f.Placeholder, StringComparison.Ordinal)).Placeholder is { } unfilled)
                {
                    failures.Add($"{where} → {unfilled} is not given by any example before it");
                    continue;
                }
                var (status, body) = await CurlAsync(command, tokensFile);
                if (expected is { } want ? status != want : status is < 200 or > 299)
                {
                    failures.Add($"{where} → {status} (expected {expected?.ToString() ?? "2xx"}) {body[..Math.Min(body.Length, 200)]}");
                    continue;
                }
                Remember(body, values);
            }
        }
        if (count == 0)
        {
            failures.Add("no curl example was found in the README");
        }
        return failures;
    }

    private static void Remember(string body, Dictionary<string, string> values)
    {
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return;
        }
        foreach (var (placeholder, property) in Fillers)
        {
            if (Find(json, property) is { } value)
            {
                values[placeholder] = value;
            }
        }
    }

    private static string? Find(JsonElement element, string property)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (member.Name == property && member.Value.ValueKind == JsonValueKind.String)
                    {
                        return member.Value.GetString();
                    }
                    if (Find(member.Value, property) is { } nested)
                    {
                        return nested;
                    }
                }
                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(e => Find(e, property)).FirstOrDefault(v => v is not null);
            default:
                return null;
        }
    }

    private static async Task<(int Status, string Body)> CurlAsync(string command, string tokensFile)
    {
        var output = Path.GetTempFileName();
        try
        {
            // The page's command, told to write its answer to a file and print only the status.
            var instrumented = "curl -sS --max-time 30 -o '" + output + "' -w '%{http_code}' " + command["curl ".Length..];
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"source '{tokensFile}' && {instrumented}");
            using var process = Process.Start(start)!;
            var stdout = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var body = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
            return (int.TryParse(stdout.Trim(), out var status) ? status : -1, body.Length > 0 ? body : stderr);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
