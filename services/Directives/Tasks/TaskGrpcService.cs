using Cchc.Directives.ChaseUps;
using Cchc.Directives.Documents;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ChaseUp = Cchc.Directives.ChaseUps.ChaseUp;

namespace Cchc.Directives.Tasks;

/// <summary>
/// The task service's gRPC adapter: who may call what, and the mapping between the contract and the
/// handlers (<see cref="TaskAssignmentHandler"/>, <see cref="ProgressReportHandler"/>,
/// <see cref="ChaseUpHandler"/>) and the reader (<see cref="TaskReader"/>), which own the rules.
/// </summary>
public sealed class TaskGrpcService(TaskReader reader, TaskAssignmentHandler assignments, ProgressReportHandler reports, ChaseUpHandler chaseUps)
    : TaskService.TaskServiceBase
{
    private const string LeadUnitOfficials = $"{Roles.ProcessingOfficer},{Roles.UnitHead}";

    [Authorize(Roles = DocumentGrpcService.Editors)]
    public override async Task<CreateTaskResponse> CreateTask(CreateTaskRequest request, ServerCallContext context)
    {
        var task = await assignments.CreateAsync(request.Task, context.GetCaller(), context.CancellationToken);
        return new CreateTaskResponse { Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetTaskResponse> GetTask(GetTaskRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.TaskId, "task_id", 64).ThrowIfInvalid();
        var task = await reader.FindVisibleAsync(request.TaskId, context.GetCaller(), tracking: false, context.CancellationToken);
        return new GetTaskResponse { Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListTasksResponse> ListTasks(ListTasksRequest request, ServerCallContext context)
    {
        var (page, nextPageToken) = await reader.ListAsync(
            context.GetCaller(), request.DocumentId, request.ParentTaskId, request.UnitCode, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListTasksResponse { NextPageToken = nextPageToken };
        response.Tasks.AddRange(await reader.DescribeAsync(page, context.CancellationToken));
        return response;
    }

    [Authorize(Roles = DocumentGrpcService.Editors)]
    public override async Task<UpdateTaskResponse> UpdateTask(UpdateTaskRequest request, ServerCallContext context)
    {
        var task = await assignments.UpdateAsync(request.Task, context.GetCaller(), context.CancellationToken);
        return new UpdateTaskResponse { Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = DocumentGrpcService.Editors)]
    public override async Task<CancelTaskResponse> CancelTask(CancelTaskRequest request, ServerCallContext context)
    {
        var task = await assignments.CancelAsync(request.TaskId, request.Reason, context.GetCaller(), context.CancellationToken);
        return new CancelTaskResponse { Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListTaskInstancesResponse> ListTaskInstances(ListTaskInstancesRequest request, ServerCallContext context)
    {
        var instances = await reader.InstancesAsync(request.TaskId, request.Until, context.GetCaller(), context.CancellationToken);
        var response = new ListTaskInstancesResponse();
        response.Instances.AddRange(instances.Select(i => new TaskInstance
        {
            Period = i.Period.Key,
            PeriodStart = i.Period.Start.ToString(Dates.Format),
            PeriodEnd = i.Period.End.ToString(Dates.Format),
            DueDate = i.Period.Due.ToString(Dates.Format),
            Status = (DirectiveTaskStatus)i.Status,
            CompletedOn = i.CompletedOn?.ToString(Dates.Format) ?? "",
            WorkingDueDate = i.DueOn.ToString(Dates.Format),
            WorkingDaysLate = i.WorkingDaysLate,
        }));
        return response;
    }

    [Authorize(Roles = LeadUnitOfficials)]
    public override async Task<ReportProgressResponse> ReportProgress(ReportProgressRequest request, ServerCallContext context)
    {
        var (task, report) = await reports.ReportAsync(request.TaskId, request.Report, context.GetCaller(), context.CancellationToken);
        return new ReportProgressResponse { Report = TaskReader.ToContract(report), Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    // Services too: Indexes checks that a unit's self-assessment evidence exists.
    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override async Task<ListProgressReportsResponse> ListProgressReports(ListProgressReportsRequest request, ServerCallContext context)
    {
        var found = await reader.ReportsAsync(request.TaskId, context.GetCaller(), context.CancellationToken);
        var response = new ListProgressReportsResponse();
        response.Reports.AddRange(found.Select(TaskReader.ToContract));
        return response;
    }

    [Authorize(Roles = Roles.FollowUpOffice)]
    public override async Task<ConfirmCompletionResponse> ConfirmCompletion(ConfirmCompletionRequest request, ServerCallContext context)
    {
        var (task, report) = await reports.ConfirmCompletionAsync(request.TaskId, request.ReportId, context.GetCaller(), context.CancellationToken);
        return new ConfirmCompletionResponse { Report = TaskReader.ToContract(report), Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.FollowUpOffice)]
    public override async Task<SendBackReportResponse> SendBackReport(SendBackReportRequest request, ServerCallContext context)
    {
        var (task, report) = await reports.SendBackAsync(request.TaskId, request.ReportId, request.Reason, context.GetCaller(), context.CancellationToken);
        return new SendBackReportResponse { Report = TaskReader.ToContract(report), Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.FollowUpOffice)]
    public override async Task<SendChaseUpResponse> SendChaseUp(SendChaseUpRequest request, ServerCallContext context) => new()
    {
        ChaseUp = ToContract(await chaseUps.SendAsync(request.TaskId, request.Message, request.RequestId, context.GetCaller(), context.CancellationToken)),
    };

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListChaseUpsResponse> ListChaseUps(ListChaseUpsRequest request, ServerCallContext context)
    {
        var (page, nextPageToken) = await chaseUps.ListAsync(request.TaskId, request.PageSize, request.PageToken, context.GetCaller(), context.CancellationToken);
        var response = new ListChaseUpsResponse { NextPageToken = nextPageToken };
        response.ChaseUps.AddRange(page.Select(ToContract));
        return response;
    }

    private static V1.ChaseUp ToContract(ChaseUp chaseUp) => new()
    {
        ChaseUpId = chaseUp.Id.ToString(),
        TaskId = chaseUp.TaskId.ToString(),
        Period = chaseUp.Period,
        Stage = (V1.ChaseUpStage)chaseUp.Stage,
        DueDate = chaseUp.DueOn?.ToString(Dates.Format) ?? "",
        WorkingDaysToDue = chaseUp.WorkingDaysToDue,
        LeadUnitCode = chaseUp.LeadUnitCode,
        Message = chaseUp.Message,
        SendTime = Timestamp.FromDateTimeOffset(chaseUp.SentAt),
        SentBy = chaseUp.SentBy,
        SentByName = chaseUp.SentByName,
    };
}
