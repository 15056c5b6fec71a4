using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.Notifications.Messages;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Digest;

/// <summary>
/// Keeps the list of open overdue items from the events taken in — opened by <c>task.overdue</c> and
/// <c>dossier.step_overdue</c>, closed when the task is confirmed done or cancelled, or the dossier moves
/// on from that unit or finishes — in the same unit of work as the event.
/// </summary>
public static class OverdueTracker
{
    private static readonly HashSet<string> FinishedStatuses = ["3", "8", "9", "10"];

    public static async Task TrackAsync(NotificationsDbContext db, string eventType, string subject, JsonObject payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Read only for the events that open or close an item (most events do neither).
        Dictionary<string, string>? values = null;
        string Value(params string[] names)
        {
            values ??= EventValues.From(payload);
            return names.Select(n => values.GetValueOrDefault(n, "")).FirstOrDefault(v => v.Length > 0) ?? "";
        }
        switch (eventType)
        {
            case "task.overdue":
            {
                var id = Value("task_id", "taskId");
                var unit = Value("lead_unit_code");
                if (id.Length > 0 && unit.Length > 0)
                {
                    var title = Value("task_title", "title");
                    var symbol = Value("document_symbol");
                    await OpenAsync(db, $"task:{id}", unit, symbol.Length > 0 ? $"Nhiệm vụ \"{title}\" ({symbol})" : $"Nhiệm vụ \"{title}\"",
                        Value("due_date_text", "deadline", "due_date", "due"), now, cancellationToken);
                }
                break;
            }
            case "task.completion_confirmed" or "task.cancelled" or "task.done":
                await CloseAsync(db, $"task:{Value("task_id", "taskId")}", now, cancellationToken);
                break;
            case "dossier.step_overdue":
            {
                var unit = Value("unit_code", "current_unit_code");
                if (unit.Length > 0)
                {
                    var procedure = Value("procedure_name");
                    await OpenAsync(db, $"dossier:{subject}", unit, procedure.Length > 0 ? $"Hồ sơ {subject} ({procedure})" : $"Hồ sơ {subject}",
                        Value("step_due", "due_at"), now, cancellationToken);
                }
                break;
            }
            case "dossier.handed_over":
            case "dossier.status_changed" when FinishedStatuses.Contains(Value("status")):
                await CloseAsync(db, $"dossier:{subject}", now, cancellationToken);
                break;
        }
    }

    private static async Task OpenAsync(NotificationsDbContext db, string key, string unit, string title, string due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = db.OverdueItems.Local.FirstOrDefault(i => i.Key == key) ?? await db.OverdueItems.FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (item is null)
        {
            db.OverdueItems.Add(new OverdueItem { Key = key, UnitCode = unit, Title = title, Due = due, OpenedAt = now });
            return;
        }
        item.UnitCode = unit;
        item.Title = title;
        item.Due = due;
        if (item.ClosedAt is not null)
        {
            item.ClosedAt = null;
            item.OpenedAt = now;
        }
    }

    private static async Task CloseAsync(NotificationsDbContext db, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = db.OverdueItems.Local.FirstOrDefault(i => i.Key == key) ?? await db.OverdueItems.FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (item is { ClosedAt: null })
        {
            item.ClosedAt = now;
        }
    }
}
