using System.Text.Json;
using System.Text.Json.Nodes;
using Cchc.ChangeFeeds;
using Cchc.Notifications.Digest;
using Cchc.Notifications.Messages;
using Cchc.Notifications.Recipients;
using Cchc.Notifications.Inbox;
using Cchc.Notifications.Templates;
using Cchc.Notifications.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cchc.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<MessageTemplate> Templates => Set<MessageTemplate>();
    public DbSet<WebhookSubscription> Subscriptions => Set<WebhookSubscription>();
    public DbSet<NotificationEvent> Events => Set<NotificationEvent>();
    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();
    public DbSet<DeliveryAttemptRecord> DeliveryAttempts => Set<DeliveryAttemptRecord>();
    public DbSet<OperatorAlert> OperatorAlerts => Set<OperatorAlert>();
    public DbSet<InboxItem> InboxItems => Set<InboxItem>();
    public DbSet<InboxRead> InboxReads => Set<InboxRead>();
    public DbSet<FeedCursor> FeedCursors => Set<FeedCursor>();
    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<OutboundMessage> Messages => Set<OutboundMessage>();
    public DbSet<MessageAttemptRecord> MessageAttempts => Set<MessageAttemptRecord>();
    public DbSet<OverdueItem> OverdueItems => Set<OverdueItem>();
    public DbSet<DigestRun> DigestRuns => Set<DigestRun>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<MessageTemplate>(t =>
        {
            t.ToTable("message_templates");
            // Versions are append-only: a delivery records the version it rendered.
            t.HasKey(x => new { x.EventType, x.Channel, x.Version });
            t.Property(x => x.EventType).HasMaxLength(100);
            t.Property(x => x.Subject).HasMaxLength(500);
            t.Property(x => x.Body).HasMaxLength(20_000);
            AsJsonb(t.Property(x => x.SampleValues));
        });
        model.Entity<WebhookSubscription>(x =>
        {
            x.ToTable("webhook_subscriptions");
            x.HasKey(w => w.Id);
            x.Property(w => w.Url).HasMaxLength(2000);
            x.Property(w => w.Secret).HasMaxLength(100);
            x.Property(w => w.Description).HasMaxLength(500);
            x.Property(w => w.CreatedBy).HasMaxLength(200);
            AsJsonb(x.Property(w => w.Filter));
        });
        model.Entity<NotificationEvent>(x =>
        {
            x.ToTable("notification_events");
            x.HasKey(e => e.Id);
            x.HasIndex(e => e.DedupKey).IsUnique();
            x.Property(e => e.EventType).HasMaxLength(100);
            x.Property(e => e.Subject).HasMaxLength(200);
            x.Property(e => e.DedupKey).HasMaxLength(300);
            x.Property(e => e.PublishedBy).HasMaxLength(200);
            x.Property(e => e.Payload).HasColumnType("jsonb").HasConversion(
                v => v.ToJsonString(JsonSerializerOptions.Default),
                v => JsonNode.Parse(v, null, default)!.AsObject(),
                new ValueComparer<JsonObject>((a, b) => JsonNode.DeepEquals(a, b), v => v.ToJsonString(JsonSerializerOptions.Default).GetHashCode(), v => v.DeepClone().AsObject()));
        });
        model.Entity<WebhookDelivery>(x =>
        {
            x.ToTable("webhook_deliveries");
            x.HasKey(d => d.Sequence);
            x.Property(d => d.Sequence).UseIdentityAlwaysColumn();
            x.HasIndex(d => d.Id).IsUnique();
            x.HasIndex(d => new { d.State, d.NextAttemptAt });
            // The ordering check looks only at a subject's undelivered deliveries; delivered history never slows it.
            x.HasIndex(d => new { d.SubscriptionId, d.Subject, d.Sequence }).HasFilter("state <> 2").HasDatabaseName("ix_webhook_deliveries_undelivered");
            x.Property(d => d.EventType).HasMaxLength(100);
            x.Property(d => d.Subject).HasMaxLength(200);
            x.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
            x.HasOne<NotificationEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<DeliveryAttemptRecord>(x =>
        {
            x.ToTable("webhook_delivery_attempts");
            x.HasKey(a => a.Id);
            x.HasIndex(a => a.DeliveryId);
            x.Property(a => a.Answer).HasMaxLength(1000);
        });
        model.Entity<InboxItem>(x =>
        {
            x.ToTable("inbox_items");
            x.HasKey(i => i.Sequence);
            x.Property(i => i.Sequence).UseIdentityAlwaysColumn();
            x.HasIndex(i => i.Id).IsUnique();
            x.HasIndex(i => new { i.AddresseeKind, i.Addressee, i.Sequence });
            x.Property(i => i.EventType).HasMaxLength(100);
            x.Property(i => i.Addressee).HasMaxLength(200);
            x.Property(i => i.Title).HasMaxLength(500);
            x.Property(i => i.Body).HasMaxLength(20_000);
        });
        model.Entity<InboxRead>(x =>
        {
            x.ToTable("inbox_reads");
            x.HasKey(r => new { r.ItemId, r.Reader });
            x.Property(r => r.Reader).HasMaxLength(200);
        });
        model.Entity<FeedCursor>(x => x.MapFeedCursors(maxFeedLength: 50));
        model.Entity<Recipient>(x =>
        {
            x.ToTable("recipients");
            x.HasKey(r => r.OfficialId);
            x.Property(r => r.OfficialId).HasMaxLength(200);
            x.Property(r => r.DisplayName).HasMaxLength(200);
            x.Property(r => r.UnitCode).HasMaxLength(64);
            x.HasIndex(r => r.UnitCode);
            x.Property(r => r.Email).HasMaxLength(320);
            x.Property(r => r.Phone).HasMaxLength(20);
        });
        model.Entity<OutboundMessage>(x =>
        {
            x.ToTable("outbound_messages");
            x.HasKey(m => m.Sequence);
            x.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            x.HasIndex(m => m.Id).IsUnique();
            x.HasIndex(m => m.DedupKey).IsUnique();
            x.HasIndex(m => new { m.State, m.NextAttemptAt });
            x.HasIndex(m => m.EventId);
            x.HasIndex(m => new { m.Recipient, m.Sequence });
            x.Property(m => m.Kind).HasMaxLength(100);
            x.Property(m => m.Subject).HasMaxLength(200);
            x.Property(m => m.Recipient).HasMaxLength(200);
            x.Property(m => m.MaskedAddress).HasMaxLength(320);
            x.Property(m => m.DedupKey).HasMaxLength(700);
            x.Property(m => m.Title).HasMaxLength(500);
            x.Property(m => m.Body).HasMaxLength(50_000);
            x.Property(m => m.Note).HasMaxLength(500);
            AsJsonb(x.Property(m => m.Values));
        });
        model.Entity<MessageAttemptRecord>(x =>
        {
            x.ToTable("message_attempts");
            x.HasKey(a => a.Id);
            x.HasIndex(a => a.MessageId);
            x.Property(a => a.Answer).HasMaxLength(1000);
        });
        model.Entity<OverdueItem>(x =>
        {
            x.ToTable("overdue_items");
            x.HasKey(i => i.Key);
            x.Property(i => i.Key).HasMaxLength(300);
            x.Property(i => i.UnitCode).HasMaxLength(64);
            x.Property(i => i.Title).HasMaxLength(1000);
            x.Property(i => i.Due).HasMaxLength(100);
            x.HasIndex(i => i.UnitCode).HasFilter("closed_at IS NULL");
        });
        model.Entity<DigestRun>(x =>
        {
            x.ToTable("digest_runs");
            x.HasKey(r => r.Date);
        });
        model.Entity<OperatorAlert>(x =>
        {
            x.ToTable("operator_alerts");
            x.HasKey(a => a.Id);
            x.Property(a => a.Message).HasMaxLength(1000);
        });
    }

    /// <summary>A string dictionary stored as one JSONB object.</summary>
    private static void AsJsonb(PropertyBuilder<Dictionary<string, string>> property) => property
        .HasColumnType("jsonb")
        .HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new(),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                v => new Dictionary<string, string>(v)));
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotificationsDbContext>().UseNpgsql("Host=localhost;Database=notificationsdb").UseSnakeCaseNamingConvention().Options);
}
