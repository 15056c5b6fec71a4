namespace Cchc.Directives.Tasks;

/// <summary>Deadlines are Vietnam calendar days (UTC+07:00, no daylight saving).</summary>
public static class VietnamDate
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly On(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
