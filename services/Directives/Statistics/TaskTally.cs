using Cchc.Directives.Tasks;
using TaskStatus = Cchc.Directives.Domain.Tasks.TaskStatus;

namespace Cchc.Directives.Statistics;

/// <summary>
/// Items (tasks, or periods of recurring reports) counted by status, and the figures official
/// reports quote from them: done (on time or late), open (not started, in progress or overdue),
/// late (done late or overdue — every item that missed its due date).
/// </summary>
public sealed class TaskTally
{
    private readonly Dictionary<TaskStatus, int> _counts = Enum.GetValues<TaskStatus>().ToDictionary(s => s, _ => 0);

    public int Ongoing { get; private set; }

    public void Add(TaskStatus status) => _counts[status]++;

    /// <summary>A task with neither deadline nor recurrence: never due, so kept apart from the statuses.</summary>
    public void AddOngoing() => Ongoing++;

    public int this[TaskStatus status] => _counts[status];

    public int Total => _counts.Values.Sum();

    public int Done => this[TaskStatus.DoneOnTime] + this[TaskStatus.DoneLate];

    public int Open => this[TaskStatus.NotStarted] + this[TaskStatus.InProgress] + this[TaskStatus.Overdue];

    public int Late => this[TaskStatus.DoneLate] + this[TaskStatus.Overdue];

    public V1.TaskCounts ToContract() => new()
    {
        Total = Total,
        NotStarted = this[TaskStatus.NotStarted],
        InProgress = this[TaskStatus.InProgress],
        DoneOnTime = this[TaskStatus.DoneOnTime],
        DoneLate = this[TaskStatus.DoneLate],
        Overdue = this[TaskStatus.Overdue],
        Cancelled = this[TaskStatus.Cancelled],
        Done = Done,
        Open = Open,
        Late = Late,
    };
}
