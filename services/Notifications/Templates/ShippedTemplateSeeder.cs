using Cchc.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Templates;

/// <summary>Inserts a shipped template only where its (event, channel) has no version yet, so edits are never overwritten.</summary>
internal sealed class ShippedTemplateSeeder : IDatabaseSeeder<NotificationsDbContext>
{
    public async Task SeedAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.Templates.Select(t => new { t.EventType, t.Channel }).Distinct().ToListAsync(cancellationToken);
        foreach (var template in ShippedTemplates.All)
        {
            if (!stored.Any(s => s.EventType == template.EventType && s.Channel == template.Channel))
            {
                db.Templates.Add(template);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
