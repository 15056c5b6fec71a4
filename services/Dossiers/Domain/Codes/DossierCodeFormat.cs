using System.Globalization;
using System.Text;

namespace Cchc.Dossiers.Domain.Codes;

/// <summary>
/// Dossier code (mã hồ sơ) pattern such as <c>{agency}-{yyMMdd}-{seq:4}</c>.
/// Placeholders: <c>{agency}</c>, <c>{yyMMdd}</c>, <c>{yyyyMMdd}</c>, <c>{seq:N}</c> (N = 1–18, zero-padded).
/// </summary>
public sealed class DossierCodeFormat
{
    public const string DefaultPattern = "{agency}-{yyMMdd}-{seq:4}";

    private const int MaxSequenceDigits = 18;

    private readonly Segment[] _segments;

    public DossierCodeFormat(string pattern = DefaultPattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        _segments = Parse(pattern, out var sequenceDigits);
        SequenceDigits = sequenceDigits;
        MaxSequence = PowerOfTen(sequenceDigits) - 1;
    }

    public static DossierCodeFormat Default { get; } = new();

    public string Pattern { get; }

    public int SequenceDigits { get; }

    public long MaxSequence { get; }

    public string Format(string agencyCode, DateOnly receivedOn, long sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agencyCode);
        if (agencyCode.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"Agency code '{agencyCode}' must not contain whitespace.", nameof(agencyCode));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        if (sequence > MaxSequence)
        {
            throw new InvalidOperationException(
                $"Sequence {sequence} does not fit in {SequenceDigits} digits of pattern '{Pattern}'; widen {{seq:N}} before the counter overflows.");
        }

        var builder = new StringBuilder();
        foreach (var segment in _segments)
        {
            builder.Append(segment.Kind switch
            {
                SegmentKind.Literal => segment.Text,
                SegmentKind.Agency => agencyCode,
                SegmentKind.ShortDate => receivedOn.ToString("yyMMdd", CultureInfo.InvariantCulture),
                SegmentKind.LongDate => receivedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                SegmentKind.Sequence => sequence.ToString(new string('0', SequenceDigits), CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException($"Unhandled segment {segment.Kind}."),
            });
        }

        return builder.ToString();
    }

    public override string ToString() => Pattern;

    private static long PowerOfTen(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static Segment[] Parse(string pattern, out int sequenceDigits)
    {
        var segments = new List<Segment>();
        int? digits = null;
        var position = 0;

        while (position < pattern.Length)
        {
            var open = pattern.IndexOf('{', position);
            var strayClose = pattern.IndexOf('}', position);
            if (strayClose >= 0 && (open < 0 || strayClose < open))
            {
                throw new ArgumentException($"Unmatched '}}' at position {strayClose} in pattern '{pattern}'.", nameof(pattern));
            }

            if (open < 0)
            {
                segments.Add(Segment.Literal(pattern[position..]));
                break;
            }

            if (open > position)
            {
                segments.Add(Segment.Literal(pattern[position..open]));
            }

            var close = pattern.IndexOf('}', open + 1);
            var nestedOpen = pattern.IndexOf('{', open + 1);
            if (close < 0 || (nestedOpen >= 0 && nestedOpen < close))
            {
                throw new ArgumentException($"Unclosed '{{' at position {open} in pattern '{pattern}'.", nameof(pattern));
            }

            var placeholder = pattern[(open + 1)..close];
            var segment = ParsePlaceholder(placeholder, pattern);
            if (segment.Kind == SegmentKind.Sequence)
            {
                if (digits is not null)
                {
                    throw new ArgumentException($"Pattern '{pattern}' contains more than one {{seq:N}} placeholder.", nameof(pattern));
                }

                digits = segment.Digits;
            }

            segments.Add(segment);
            position = close + 1;
        }

        // Without a sequence two dossiers of the same agency and day would share a code.
        sequenceDigits = digits
            ?? throw new ArgumentException($"Pattern '{pattern}' must contain a {{seq:N}} placeholder.", nameof(pattern));
        return segments.ToArray();
    }

    private static Segment ParsePlaceholder(string placeholder, string pattern)
    {
        switch (placeholder)
        {
            case "agency":
                return new Segment(SegmentKind.Agency);
            case "yyMMdd":
                return new Segment(SegmentKind.ShortDate);
            case "yyyyMMdd":
                return new Segment(SegmentKind.LongDate);
        }

        if (placeholder.StartsWith("seq:", StringComparison.Ordinal))
        {
            var digitsText = placeholder["seq:".Length..];
            if (digitsText.Length is > 0 and <= 2 &&
                digitsText.All(char.IsAsciiDigit) &&
                int.Parse(digitsText, CultureInfo.InvariantCulture) is var digits and >= 1 and <= MaxSequenceDigits)
            {
                return new Segment(SegmentKind.Sequence, Digits: digits);
            }

            throw new ArgumentException(
                $"Placeholder '{{{placeholder}}}' in pattern '{pattern}' needs 1–{MaxSequenceDigits} digits, e.g. {{seq:4}}.", nameof(pattern));
        }

        throw new ArgumentException(
            $"Unknown placeholder '{{{placeholder}}}' in pattern '{pattern}'; expected {{agency}}, {{yyMMdd}}, {{yyyyMMdd}} or {{seq:N}}.",
            nameof(pattern));
    }

    private enum SegmentKind
    {
        Literal,
        Agency,
        ShortDate,
        LongDate,
        Sequence,
    }

    private sealed record Segment(SegmentKind Kind, string Text = "", int Digits = 0)
    {
        public static Segment Literal(string text) => new(SegmentKind.Literal, text);
    }
}
