using System.Text;
using System.Text.RegularExpressions;

namespace Cchc.Notifications.Templates;

public sealed record RenderedMessage(string Subject, string Body, IReadOnlyList<string> MissingValues);

/// <summary>
/// Renders <c>{{name}}</c> placeholders. A placeholder with no value is reported, and shown as
/// <c>[name]</c> so a preview makes the gap obvious; a real send refuses to go out with gaps.
/// </summary>
public static partial class TemplateRenderer
{
    public static IReadOnlyList<string> Placeholders(params string[] texts) =>
        texts.SelectMany(t => PlaceholderPattern().Matches(t).Select(m => m.Groups[1].Value)).Distinct().ToList();

    /// <summary>Returns the problems of a template's text: unbalanced braces or malformed names.</summary>
    public static IReadOnlyList<string> Problems(string text)
    {
        var problems = new List<string>();
        var withoutPlaceholders = PlaceholderPattern().Replace(text, "");
        if (withoutPlaceholders.Contains("{{", StringComparison.Ordinal) || withoutPlaceholders.Contains("}}", StringComparison.Ordinal))
        {
            problems.Add("has a '{{' or '}}' that is not a placeholder of the form {{name}} (letters, digits, '_' and '.')");
        }
        return problems;
    }

    public static RenderedMessage Render(string subject, string body, IReadOnlyDictionary<string, string> values)
    {
        var missing = new List<string>();
        string Apply(string text) => PlaceholderPattern().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (values.TryGetValue(name, out var value))
            {
                return value;
            }
            if (!missing.Contains(name))
            {
                missing.Add(name);
            }
            return new StringBuilder().Append('[').Append(name).Append(']').ToString();
        });
        return new RenderedMessage(Apply(subject), Apply(body), missing);
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}")]
    private static partial Regex PlaceholderPattern();
}
