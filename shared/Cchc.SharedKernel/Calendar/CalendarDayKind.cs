namespace Cchc.SharedKernel.Calendar;

public enum CalendarDayKind
{
    /// <summary>A statutory or approved holiday on a weekday.</summary>
    Holiday,

    /// <summary>A weekday off because a holiday fell on a weekend.</summary>
    Compensatory,

    /// <summary>A weekday given off in exchange for a <see cref="SwapWorkday"/>.</summary>
    SwapOff,

    /// <summary>A Saturday or Sunday that becomes a working day.</summary>
    SwapWorkday,
}
