using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Dossiers.Calendar;

/// <summary>
/// Converts between instants and the local wall-clock time the calendar works in. Vietnam has kept
/// UTC+07:00 without daylight saving since 1975, so a fixed offset is exact and needs no time-zone data.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTime ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset).DateTime;

    public static DateTimeOffset FromLocal(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);

    public static Timestamp ToTimestamp(DateTime local) => Timestamp.FromDateTimeOffset(FromLocal(local));

    /// <summary>ISO-8601 with the offset, e.g. <c>2026-02-24T17:00:00+07:00</c>; fractions of a second only when there are any.</summary>
    public static string ToIso(DateTime local) =>
        FromLocal(local).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
