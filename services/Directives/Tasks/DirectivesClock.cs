namespace Cchc.Directives.Tasks;

/// <summary>
/// The time Directives judges deadlines by and stamps what it writes with. Its own type, so tests
/// can move the service's day without moving the clock that validates tokens.
/// </summary>
public sealed class DirectivesClock(TimeProvider time)
{
    /// <summary>Now, at PostgreSQL's precision (microseconds), so an answer equals a later read.</summary>
    public DateTimeOffset UtcNow()
    {
        var now = time.GetUtcNow().ToUniversalTime();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }

    /// <summary>Today in Vietnam.</summary>
    public DateOnly Today => VietnamDate.On(time.GetUtcNow());
}
