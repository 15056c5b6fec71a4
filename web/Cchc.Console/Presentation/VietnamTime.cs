using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Console.Presentation;

/// <summary>Every instant is shown in Vietnam time (UTC+7, no daylight saving), dates as dd/MM/yyyy.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static DateTimeOffset? Local(Timestamp? at) => at is null ? null : at.ToDateTimeOffset().ToOffset(Offset);
    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    public static string Date(Timestamp? at) => Local(at)?.ToString("dd/MM/yyyy", Invariant) ?? "";
    public static string DateTime(Timestamp? at) => Local(at)?.ToString("HH:mm 'ngày' dd/MM/yyyy", Invariant) ?? "";
    public static string Date(DateTimeOffset at) => Local(at).ToString("dd/MM/yyyy", Invariant);
    public static string DateTime(DateTimeOffset at) => Local(at).ToString("HH:mm 'ngày' dd/MM/yyyy", Invariant);

    /// <summary>"2026-02-27T17:00:00+07:00" (as the services give local times) → "17:00 ngày 27/02/2026".</summary>
    public static string FromLocalText(string? text) =>
        DateTimeOffset.TryParse(text, Invariant, DateTimeStyles.None, out var at) ? DateTime(at) : text ?? "";

    /// <summary>The Vietnam calendar date of an instant, as the services take dates (YYYY-MM-DD).</summary>
    public static string IsoDate(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd", Invariant);

    public static string Money(long vnd) => vnd.ToString("#,##0", CultureInfo.GetCultureInfo("vi-VN")) + " đồng";
}
