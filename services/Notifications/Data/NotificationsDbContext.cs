using System.Text.Json;
using Cchc.Notifications.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Design;

namespace Cchc.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<MessageTemplate> Templates => Set<MessageTemplate>();

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
            t.Property(x => x.SampleValues)
                .HasColumnType("jsonb")
                .HasConversion(
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                    v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new(),
                    new ValueComparer<Dictionary<string, string>>(
                        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                        v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                        v => new Dictionary<string, string>(v)));
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotificationsDbContext>().UseNpgsql("Host=localhost;Database=notificationsdb").UseSnakeCaseNamingConvention().Options);
}
