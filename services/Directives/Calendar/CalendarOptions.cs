namespace Cchc.Directives.Calendar;

/// <summary>How Directives keeps its copy of Dossiers' working calendar (section <c>Calendar</c>).</summary>
public sealed class CalendarOptions
{
    /// <summary>How often the copy is refreshed once it succeeded.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first wait after a failed refresh; it doubles up to <see cref="RefreshInterval"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Years before the current one that are copied (old deadlines are judged on them).</summary>
    public int YearsBack { get; set; } = 3;

    /// <summary>Years after the current one that are copied.</summary>
    public int YearsAhead { get; set; } = 2;
}
