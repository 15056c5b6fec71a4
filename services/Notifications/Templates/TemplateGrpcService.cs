using Cchc.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using System.Text.RegularExpressions;
using Cchc.Notifications.Data;
using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Templates;

public sealed partial class TemplateGrpcService(NotificationsDbContext db) : TemplateService.TemplateServiceBase
{
    private const string ResourceType = "cchc.notifications.v1.Template";

    [Authorize(Roles = $"{Roles.Administrator},{Roles.FollowUpOffice}")]
    public override async Task<ListTemplatesResponse> ListTemplates(ListTemplatesRequest request, ServerCallContext context)
    {
        var query = db.Templates.AsNoTracking()
            .Where(t => t.Version == db.Templates.Where(u => u.EventType == t.EventType && u.Channel == t.Channel).Max(u => u.Version));
        if (request.EventTypePrefix.Length > 0)
        {
            query = query.Where(t => t.EventType.StartsWith(request.EventTypePrefix));
        }
        var templates = await query.OrderBy(t => t.EventType).ThenBy(t => t.Channel).ToListAsync(context.CancellationToken);
        var response = new ListTemplatesResponse();
        response.Templates.AddRange(templates.Select(ToContract));
        return response;
    }

    [Authorize(Roles = $"{Roles.Administrator},{Roles.FollowUpOffice}")]
    public override async Task<GetTemplateResponse> GetTemplate(GetTemplateRequest request, ServerCallContext context)
    {
        var template = await Find(request.EventType, request.Channel, request.Version, context.CancellationToken);
        return new GetTemplateResponse { Template = ToContract(template) };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<PublishTemplateResponse> PublishTemplate(PublishTemplateRequest request, ServerCallContext context)
    {
        var validation = new Validation()
            .RequireText(request.EventType, "event_type", 100)
            .Require(request.EventType.Length == 0 || EventTypePattern().IsMatch(request.EventType), "event_type",
                "must be lower-case dot-separated words, e.g. dossier.received")
            .Require(request.Channel != Channel.Unspecified && Enum.IsDefined(request.Channel), "channel", "must be EMAIL, SMS, WEBHOOK or IN_APP")
            .RequireText(request.Body, "body", 20_000)
            .Require(request.Subject.Length <= 500, "subject", "must be at most 500 characters")
            .Require(request.Channel != Channel.Email || request.Subject.Trim().Length > 0, "subject", "is required for e-mail");
        foreach (var problem in TemplateRenderer.Problems(request.Subject))
        {
            validation.Require(false, "subject", problem);
        }
        foreach (var problem in TemplateRenderer.Problems(request.Body))
        {
            validation.Require(false, "body", problem);
        }
        validation.ThrowIfInvalid();

        var channel = (NotificationChannel)request.Channel;
        var latest = await db.Templates
            .Where(t => t.EventType == request.EventType && t.Channel == channel)
            .MaxAsync(t => (int?)t.Version, context.CancellationToken) ?? 0;
        var template = new MessageTemplate
        {
            EventType = request.EventType,
            Channel = channel,
            Version = latest + 1,
            Subject = request.Subject,
            Body = request.Body,
            SampleValues = new Dictionary<string, string>(request.SampleValues),
        };
        db.Templates.Add(template);
        // Two publishers racing for the same version number: the primary key refuses the second (ABORTED, retry).
        await db.SaveChangesAsync(context.CancellationToken);
        return new PublishTemplateResponse { Template = ToContract(template) };
    }

    [Authorize(Roles = $"{Roles.Administrator},{Roles.FollowUpOffice}")]
    public override async Task<PreviewTemplateResponse> PreviewTemplate(PreviewTemplateRequest request, ServerCallContext context)
    {
        var template = await Find(request.EventType, request.Channel, request.Version, context.CancellationToken);
        var values = request.Values.Count > 0 ? (IReadOnlyDictionary<string, string>)request.Values : template.SampleValues;
        var rendered = TemplateRenderer.Render(template.Subject, template.Body, values);
        var response = new PreviewTemplateResponse { Subject = rendered.Subject, Body = rendered.Body };
        response.MissingValues.AddRange(rendered.MissingValues);
        return response;
    }

    private async Task<MessageTemplate> Find(string eventType, Channel channel, int version, CancellationToken cancellationToken)
    {
        new Validation()
            .RequireText(eventType, "event_type", 100)
            .Require(channel != Channel.Unspecified && Enum.IsDefined(channel), "channel", "must be EMAIL, SMS, WEBHOOK or IN_APP")
            .Require(version >= 0, "version", "must not be negative")
            .ThrowIfInvalid();
        var query = db.Templates.AsNoTracking().Where(t => t.EventType == eventType && t.Channel == (NotificationChannel)channel);
        query = version > 0 ? query.Where(t => t.Version == version) : query.OrderByDescending(t => t.Version);
        return await query.FirstOrDefaultAsync(cancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, $"{eventType}/{channel}" + (version > 0 ? $"@{version}" : ""));
    }

    private static Template ToContract(MessageTemplate t)
    {
        var result = new Template
        {
            EventType = t.EventType,
            Channel = (Channel)t.Channel,
            Version = t.Version,
            Subject = t.Subject,
            Body = t.Body,
        };
        result.Placeholders.AddRange(TemplateRenderer.Placeholders(t.Subject, t.Body));
        result.SampleValues.Add(t.SampleValues);
        return result;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$")]
    private static partial Regex EventTypePattern();
}
