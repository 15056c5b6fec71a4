using Cchc.Directives.V1;

namespace Cchc.Console.Presentation;

/// <summary>
/// One document of a directive's implementation tree as the follow-up office reads it: indented under
/// the document it implements, with its own tasks and the tally of every task under it.
/// </summary>
/// <param name="Depth">0 for the directive, 1 for a document implementing it, and so on.</param>
/// <param name="SubtreeTasks">Its own tasks and those of every document implementing it, at any depth.</param>
/// <param name="SubtreeOverdue">Of those, the ones overdue today.</param>
/// <param name="SubtreeDone">Of those, the ones done (on time or late).</param>
public sealed record TreeRow(int Depth, DocumentSummary Document, IReadOnlyList<DirectiveTask> Tasks, int SubtreeTasks, int SubtreeOverdue, int SubtreeDone);

public static class ImplementationTrees
{
    /// <summary>
    /// The tree in reading order (each document, then the documents implementing it, depth first, in the
    /// service's order). The service promises no cycle; a document met again is left out rather than
    /// looping, and so are nodes without a document.
    /// </summary>
    public static IReadOnlyList<TreeRow> Flatten(ImplementationNode? root)
    {
        var rows = new List<TreeRow>();
        if (root is not null)
        {
            Visit(root, 0, rows, new HashSet<string>(StringComparer.Ordinal));
        }
        return rows;
    }

    private static (int Tasks, int Overdue, int Done) Visit(ImplementationNode node, int depth, List<TreeRow> rows, HashSet<string> seen)
    {
        if (node.Document is null || !seen.Add(node.Document.DocumentId))
        {
            return (0, 0, 0);
        }
        var index = rows.Count;
        rows.Add(null!);
        var tasks = node.Tasks.Count;
        var overdue = node.Tasks.Count(t => t.Status == DirectiveTaskStatus.Overdue);
        var done = node.Tasks.Count(t => t.Status is DirectiveTaskStatus.DoneOnTime or DirectiveTaskStatus.DoneLate);
        foreach (var child in node.ImplementedBy)
        {
            var below = Visit(child, depth + 1, rows, seen);
            tasks += below.Tasks;
            overdue += below.Overdue;
            done += below.Done;
        }
        rows[index] = new TreeRow(depth, node.Document, node.Tasks, tasks, overdue, done);
        return (tasks, overdue, done);
    }
}

/// <summary>
/// What the follow-up office may do with a progress report, as the Directives service rules it: confirm
/// a report of 100% still waiting for review, on a task neither cancelled nor (for that period) already
/// confirmed complete; send back any report still waiting, with a reason of at most 1000 characters.
/// The service decides in the end; these only keep the buttons that cannot succeed out of sight.
/// </summary>
public static class ReportReviews
{
    public const int ReasonMaxLength = 1000;

    public static bool MayConfirm(ProgressReport report, DirectiveTask task, IEnumerable<ProgressReport> reportsOfTask) =>
        report.State == ReportState.Submitted
        && report.Percent == 100
        && task.Status != DirectiveTaskStatus.Cancelled
        && !reportsOfTask.Any(r => r.State == ReportState.Confirmed && r.Period == report.Period);

    public static bool MaySendBack(ProgressReport report) => report.State == ReportState.Submitted;

    /// <summary>What is wrong with a send-back reason, in Vietnamese as the field shows it; null when it may be sent.</summary>
    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Lý do trả lại: bắt buộc phải nhập."
        : reason.Trim().Length > ReasonMaxLength ? $"Lý do trả lại: dài quá {ReasonMaxLength} ký tự."
        : null;
}
