namespace Cchc.Dossiers.Records;

/// <summary>
/// The time every dossier change is stamped with, at PostgreSQL's precision (microseconds) so an
/// answer equals a later read. Its own type so tests can set the dossiers' time without moving the
/// clock that validates tokens.
/// </summary>
public sealed class DossierClock(TimeProvider time)
{
    public DateTimeOffset UtcNow()
    {
        var now = time.GetUtcNow().ToUniversalTime();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
