using Cchc.Dossiers.V1;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Console.Presentation;

public enum DueState
{
    /// <summary>Processing, with more than <see cref="DueMarks.DueSoonWithin"/> to the appointment.</summary>
    OnTime,
    /// <summary>Processing, the appointment within <see cref="DueMarks.DueSoonWithin"/>.</summary>
    DueSoon,
    /// <summary>The appointment is missed, or the services judge the dossier late (a second supplement request).</summary>
    Late,
    /// <summary>Finished (result ready or returned, refused, stopped): judged on time by the services.</summary>
    FinishedOnTime,
    FinishedLate,
    /// <summary>Waiting for the applicant (a supplement or a payment): the clock is paused.</summary>
    Paused,
}

/// <summary>The on-time / due-soon / late mark of a dossier in a unit's list.</summary>
public static class DueMarks
{
    /// <summary>A working day ahead in calendar time: enough to act on it today.</summary>
    public static readonly TimeSpan DueSoonWithin = TimeSpan.FromHours(24);

    public static DueState Of(DossierStatus status, Timestamp? dueAt, bool onTime, DateTimeOffset now)
    {
        if (IsFinished(status))
        {
            return onTime ? DueState.FinishedOnTime : DueState.FinishedLate;
        }
        if (!onTime || (dueAt is not null && dueAt.ToDateTimeOffset() < now))
        {
            return DueState.Late;
        }
        if (status is DossierStatus.SupplementRequested)
        {
            return DueState.Paused;
        }
        return dueAt is not null && dueAt.ToDateTimeOffset() - now <= DueSoonWithin ? DueState.DueSoon : DueState.OnTime;
    }

    public static DueState Of(DossierSummary dossier, DateTimeOffset now) => Of(dossier.Status, dossier.DueAt, dossier.OnTime, now);
    public static DueState Of(Dossier dossier, DateTimeOffset now) => Of(dossier.Status, dossier.DueAt, dossier.OnTime, now);

    public static bool IsFinished(DossierStatus status) => status is DossierStatus.ResultReady or DossierStatus.ResultReturned
        or DossierStatus.Refused or DossierStatus.Stopped;

    public static string Label(DueState state) => state switch
    {
        DueState.OnTime => "Trong hạn",
        DueState.DueSoon => "Sắp đến hạn",
        DueState.Late => "Quá hạn",
        DueState.FinishedOnTime => "Xong đúng hạn",
        DueState.FinishedLate => "Xong trễ hạn",
        DueState.Paused => "Chờ bổ sung",
        _ => "",
    };
}
