using System.Globalization;

namespace Cchc.SharedKernel.Calendar;

/// <summary>
/// Converts between instants and the wall-clock time and calendar days of Vietnam, which deadlines,
/// appointments and working time are counted in. Vietnam has kept UTC+07:00 without daylight saving
/// since 1975, so a fixed offset is exact and needs no time-zone data.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The wall-clock time in Vietnam at <paramref name="instant"/> (kind unspecified).</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset).DateTime;

    /// <summary>The instant of a Vietnam wall-clock time, whatever <paramref name="local"/>'s kind says.</summary>
    public static DateTimeOffset FromLocal(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);

    /// <summary>The calendar day in Vietnam at <paramref name="instant"/>.</summary>
    public static DateOnly DateOn(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>ISO-8601 with the offset, e.g. <c>2026-02-24T17:00:00+07:00</c>; fractions of a second only when there are any.</summary>
    public static string ToIso(DateTime local) =>
        FromLocal(local).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
