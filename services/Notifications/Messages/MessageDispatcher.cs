using Cchc.Directives.V1;
using Cchc.Dossiers.V1;
using Cchc.Notifications.Data;
using Cchc.Notifications.Queues;
using Cchc.Notifications.Recipients;
using Cchc.Notifications.Templates;
using Cchc.Notifications.Webhooks;
using Cchc.SharedKernel.Text;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cchc.Notifications.Messages;

/// <summary>Wakes the message dispatcher when messages are queued.</summary>
public sealed class MessageSignal : WakeSignal;

/// <summary>What a message says and where it goes, once resolved at send time.</summary>
public sealed record ResolvedMessage(string Address, string Name, string Title, string Body);

/// <summary>
/// Sends queued e-mail and SMS. Each round claims due messages under a lease (several instances never
/// send the same one at once), resolves the address and renders the template version chosen at
/// planning, sends, and records the attempt. Failures back off with jitter; after the configured
/// attempts the message is dead-lettered and an operator alert is raised. Delivery is at least once,
/// with a stable message id for the receiver. The loop, the lease and the take-over of a dead instance's
/// claims (its connection <c>cchc-messages:&lt;instance&gt;</c> gone) are
/// <see cref="LeasedQueueDispatcher{TOptions}"/>'s; the attempt a take-over cut off is recorded as interrupted.
/// </summary>
public sealed class MessageDispatcher(
    IServiceProvider services, IOptions<MessageOptions> options, MessageSignal signal, EmailSender email, SmsSender sms,
    ApplicantNotices.ApplicantNoticesClient notices, UnitNames units, ILogger<MessageDispatcher> logger)
    : LeasedQueueDispatcher<MessageOptions>(services, options, signal, logger)
{
    public const string PresencePrefix = "cchc-messages:";

    private static readonly LeasedQueue Messages = new(
        "outbound_messages", PresencePrefix, (int)MessageState.Pending, Order: "c.next_attempt_at, c.sequence");

    protected override LeasedQueue Queue => Messages;

    protected override string Name => "Message dispatch";

    protected override Task ProcessAsync(QueueClaim claim, CancellationToken cancellationToken) => SendAsync(claim, cancellationToken);

    private async Task SendAsync(QueueClaim claim, CancellationToken cancellationToken)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var message = await db.Messages.SingleAsync(m => m.Sequence == claim.Sequence, cancellationToken);
        if (claim.Interrupted is { } owner)
        {
            // The attempt its previous owner started and never recorded: the recipient may or may not have it.
            message.AttemptCount++;
            db.MessageAttempts.Add(new MessageAttemptRecord
            {
                MessageId = message.Id,
                Number = message.AttemptCount,
                AttemptedAt = ServiceClock.System.UtcNow(),
                Succeeded = false,
                Answer = $"Interrupted: the dispatcher {owner} stopped during this attempt; the recipient may have received it, and the next attempt repeats the same message id.",
            });
            Logger.LogWarning("Message {MessageId} ({Channel}) was being sent by dispatcher {Owner}, which stopped; sending it again", message.Id, message.Channel, owner);
        }
        ChannelOutcome outcome;
        var final = false;
        try
        {
            var resolved = await ResolveAsync(db, message, cancellationToken);
            if (resolved is null)
            {
                // Skipped: nothing was attempted, the reason is in the note.
                message.State = MessageState.Skipped;
                message.LeaseUntil = ServiceClock.System.UtcNow();
                message.LeaseOwner = null;
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            message.MaskedAddress = AddressMask.Mask(resolved.Address);
            if (message.RecipientKind == RecipientKind.Official)
            {
                message.Title = resolved.Title;
                message.Body = resolved.Body;
            }
            outcome = message.Channel == NotificationChannel.Email
                ? await email.SendAsync(resolved.Address, resolved.Name, resolved.Title, resolved.Body, message.Id.ToString(), cancellationToken)
                : await sms.SendAsync(resolved.Address, resolved.Body, message.Id.ToString(), cancellationToken);
        }
        catch (RpcException ex)
        {
            // Dossiers or Directives unreachable: try again later like any failed send.
            outcome = new ChannelOutcome(false, ChannelOutcome.Truncate($"resolving the recipient failed: {ex.Status.StatusCode} {ex.Status.Detail}"), 0);
        }
        catch (MissingValuesException ex)
        {
            outcome = new ChannelOutcome(false, ex.Message, 0);
            final = true;
        }

        var now = ServiceClock.System.UtcNow();
        message.AttemptCount++;
        message.LeaseUntil = now;
        message.LeaseOwner = null;
        db.MessageAttempts.Add(new MessageAttemptRecord
        {
            MessageId = message.Id,
            Number = message.AttemptCount,
            AttemptedAt = now,
            Succeeded = outcome.Succeeded,
            Answer = outcome.Answer,
            DurationMs = outcome.DurationMs,
        });
        if (outcome.Succeeded)
        {
            message.State = MessageState.Sent;
            message.SentAt = now;
            message.Note = "";
        }
        else if (final || message.AttemptCount >= Options.MaxAttempts)
        {
            message.State = MessageState.Dead;
            db.OperatorAlerts.Add(new OperatorAlert
            {
                Message = $"{message.Channel} {message.Id} ({message.Kind}, {message.Subject}) to {message.RecipientKind} {message.Recipient} is dead-lettered after {message.AttemptCount} attempt(s): {outcome.Answer}",
                MessageId = message.Id,
                RaisedAt = now,
            });
            Logger.LogError("Message {MessageId} ({Channel}) dead-lettered after {Attempts} attempts: {Answer}", message.Id, message.Channel, message.AttemptCount, outcome.Answer);
        }
        else
        {
            message.NextAttemptAt = now + Backoff.DelayAfter(message.AttemptCount, Options.BaseDelay, Options.MaxDelay, Random.Shared);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<ResolvedMessage?> ResolveAsync(NotificationsDbContext db, OutboundMessage message, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking()
            .SingleAsync(t => t.EventType == message.Kind && t.Channel == message.Channel && t.Version == message.TemplateVersion, cancellationToken);
        var values = new Dictionary<string, string>(message.Values);
        string address, name;
        if (message.RecipientKind == RecipientKind.Official)
        {
            var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.OfficialId == message.Recipient, cancellationToken);
            if (recipient is null || !recipient.Active)
            {
                message.Note = "the official is no longer in the recipient directory";
                return null;
            }
            address = message.Channel == NotificationChannel.Email ? recipient.Email : recipient.Phone;
            name = recipient.DisplayName;
            values.TryAdd("recipient_name", recipient.DisplayName);
        }
        else
        {
            ApplicantNotice notice;
            try
            {
                notice = await notices.GetApplicantNoticeAsync(new GetApplicantNoticeRequest { DossierCode = message.Recipient }, cancellationToken: cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                message.Note = "the dossier no longer exists";
                return null;
            }
            address = message.Channel == NotificationChannel.Email ? notice.Email : notice.Phone;
            name = notice.ApplicantName;
            values["applicant_name"] = notice.ApplicantName;
            values["procedure_name"] = notice.ProcedureName;
            values["procedure_code"] = notice.ProcedureCode;
            values["lookup_secret"] = notice.LookupSecret;
            values["received_at"] = notice.ReceivedAtLocal;
            values["received_date"] = notice.ReceivedDateLocal;
            values["appointment_date"] = notice.AppointmentDateLocal;
            values["status_name"] = notice.StatusName;
            if (notice.LatestApology is { } apology)
            {
                values["reason"] = apology.Reason;
                values["old_appointment_date"] = apology.PreviousAppointmentDateLocal;
                values["new_appointment_date"] = apology.NewAppointmentDateLocal;
                values["signer_name"] = apology.SignerName;
                values["signer_title"] = apology.SignerTitle;
            }
            var agencyName = await units.NameAsync(notice.AgencyCode, cancellationToken);
            values["agency_name"] = agencyName;
            values.TryAdd("agency_short_name", Sms.Ascii(agencyName));
        }
        if (address.Length == 0)
        {
            message.Note = message.Channel == NotificationChannel.Email ? "no e-mail address" : "no phone number";
            return null;
        }
        var rendered = TemplateRenderer.Render(template.Subject, template.Body, values);
        if (rendered.MissingValues.Count > 0)
        {
            throw new MissingValuesException($"template {template.EventType} v{template.Version} ({template.Channel}) needs values the event does not give: {string.Join(", ", rendered.MissingValues)}");
        }
        return new ResolvedMessage(address, name, rendered.Subject, message.Channel == NotificationChannel.Sms ? Sms.Ascii(rendered.Body) : rendered.Body);
    }
}

/// <summary>A template that cannot be filled from what is known: sending it would put gaps before a reader.</summary>
public sealed class MissingValuesException(string message) : Exception(message);

/// <summary>SMS in Vietnam are sent without diacritics (one GSM-7 part holds 160 characters; UCS-2 only 70).</summary>
public static class Sms
{
    public static string Ascii(string text) => VietnameseText.WithoutDiacritics(text);
}
