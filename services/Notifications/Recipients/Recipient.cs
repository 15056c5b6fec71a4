using Cchc.Notifications.Templates;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Notifications.Recipients;

/// <summary>An official who can be told by e-mail or SMS, with their own preferences.</summary>
public sealed class Recipient
{
    /// <summary>The account id, as the token's subject.</summary>
    public required string OfficialId { get; init; }
    public string DisplayName { get; set; } = "";
    public required string UnitCode { get; set; }
    public bool UnitHead { get; set; }
    public bool Leadership { get; set; }
    /// <summary>Holds the administrator role: told about the administration of the platform itself.</summary>
    public bool Administrator { get; set; }
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public List<NotificationChannel> Channels { get; set; } = [NotificationChannel.Email];
    public List<string> MutedKinds { get; set; } = [];
    public TimeOnly? QuietFrom { get; set; }
    public TimeOnly? QuietUntil { get; set; }
    public bool Active { get; set; } = true;
    /// <summary>Set once the official (or an administrator here) gives addresses; the registry's then no longer replace them.</summary>
    public bool OwnAddresses { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether this official is among those told about a unit: its own members and those of units above it never; the unit itself, and — for heads — its sub-units.</summary>
    public bool BelongsTo(string unitCode) => UnitCode == unitCode;

    /// <summary>A head hears of their unit and every unit below it.</summary>
    public bool Heads(string unitCode) => UnitHead && (unitCode == UnitCode || unitCode.StartsWith(UnitCode + ".", StringComparison.Ordinal));
}

/// <summary>Quiet hours in Vietnam time; a span may cross midnight.</summary>
public static class QuietHours
{
    /// <summary>When a non-urgent message may go out: now, or the end of the quiet span it falls in.</summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset now, TimeOnly? from, TimeOnly? until)
    {
        if (from is not { } start || until is not { } end || start == end)
        {
            return now;
        }
        var local = now.ToOffset(VietnamTime.Offset);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var quiet = start < end ? time >= start && time < end : time >= start || time < end;
        if (!quiet)
        {
            return now;
        }
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (start > end && time >= start)
        {
            endDate = endDate.AddDays(1);
        }
        return new DateTimeOffset(endDate.ToDateTime(end), VietnamTime.Offset).ToUniversalTime();
    }

    public static bool TryParse(string text, out TimeOnly? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }
        if (TimeOnly.TryParseExact(text, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }
}
