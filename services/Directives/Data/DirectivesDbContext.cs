using Cchc.ChangeFeeds;
using Cchc.Directives.Access;
using Cchc.Directives.Calendar;
using Cchc.Directives.ChangeFeed;
using Cchc.Directives.ChaseUps;
using Cchc.Directives.Documents;
using Cchc.Directives.Domain.Documents;
using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Organization;
using Cchc.Directives.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cchc.Directives.Data;

public sealed class DirectivesDbContext(DbContextOptions<DirectivesDbContext> options) : DbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Official> Officials => Set<Official>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentReference> DocumentReferences => Set<DocumentReference>();
    public DbSet<DirectiveTask> Tasks => Set<DirectiveTask>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<CopiedCalendarDay> CalendarDays => Set<CopiedCalendarDay>();
    public DbSet<DirectiveEvent> Events => Set<DirectiveEvent>();
    public DbSet<ChaseUp> ChaseUps => Set<ChaseUp>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Official>(official =>
        {
            official.ToTable("officials");
            official.HasKey(o => o.Id);
            official.Property(o => o.Id).HasMaxLength(200);
            official.Property(o => o.FullName).HasMaxLength(200);
            official.Property(o => o.UnitCode).HasMaxLength(Unit.MaxCodeLength);
            official.Property(o => o.Position).HasMaxLength(200);
            official.Property(o => o.Email).HasMaxLength(320);
            official.Property(o => o.Phone).HasMaxLength(20);
            official.HasIndex(o => o.UnitCode);
            // One head per unit, enforced by the database.
            official.HasIndex(o => o.UnitCode).IsUnique().HasFilter("unit_head AND active").HasDatabaseName("ix_officials_one_head_per_unit");
        });
        model.Entity<Unit>(unit =>
        {
            unit.HasKey(u => u.Code);
            unit.Property(u => u.Code).HasMaxLength(Unit.MaxCodeLength);
            unit.Property(u => u.Name).HasMaxLength(300);
            unit.Property(u => u.ShortName).HasMaxLength(100);
            unit.Property(u => u.ParentCode).HasMaxLength(Unit.MaxCodeLength);
            unit.Property(u => u.Path).HasMaxLength(2000);
            unit.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentCode).OnDelete(DeleteBehavior.Restrict);
            // Subtree queries are prefix scans on the materialised path.
            unit.HasIndex(u => u.Path).UseCollation("C");
            unit.HasIndex(u => u.ParentCode);
        });
        model.Entity<ApiKey>(key =>
        {
            key.HasKey(k => k.KeyId);
            key.Property(k => k.KeyId).HasMaxLength(32);
            key.Property(k => k.Name).HasMaxLength(200);
            key.Property(k => k.SecretHash).HasMaxLength(64);
            key.Property(k => k.CreatedBy).HasMaxLength(200);
            key.Property(k => k.RevokedBy).HasMaxLength(200);
            key.Property(k => k.RevokeReason).HasMaxLength(500);
        });

        // Trigram indexes let a symbol be found from any part of it ("36-CT" in "36-CT/TU").
        model.HasPostgresExtension("pg_trgm");
        model.Entity<Document>(document =>
        {
            document.HasKey(d => d.Id);
            document.Property(d => d.Symbol).HasMaxLength(DocumentSymbol.MaxLength);
            document.Property(d => d.SymbolKey).HasMaxLength(DocumentSymbol.MaxLength);
            document.Property(d => d.IssuerUnitCode).HasMaxLength(Unit.MaxCodeLength);
            document.Property(d => d.IssuerName).HasMaxLength(Document.MaxIssuerNameLength);
            document.Property(d => d.IssuerKey).HasMaxLength(Document.MaxIssuerNameLength + 10);
            document.Property(d => d.Term).HasMaxLength(20);
            document.Property(d => d.NumberingPeriod).HasMaxLength(20);
            document.Property(d => d.SignerName).HasMaxLength(200);
            document.Property(d => d.SignerTitle).HasMaxLength(200);
            document.Property(d => d.Summary).HasMaxLength(Document.MaxSummaryLength);
            document.Property(d => d.Remarks).HasMaxLength(2000);
            document.Property(d => d.CreatedBy).HasMaxLength(200);
            document.Property(d => d.UpdatedBy).HasMaxLength(200);
            document.Property(d => d.SortKey).HasMaxLength(60).UseCollation("C");
            document.Property(d => d.Version).IsRowVersion();
            document.Ignore(d => d.IssueDate);
            document.OwnsMany(d => d.Attachments, a => a.ToJson());
            document.HasOne<Unit>().WithMany().HasForeignKey(d => d.IssuerUnitCode).OnDelete(DeleteBehavior.Restrict);
            document.HasMany(d => d.References).WithOne().HasForeignKey(r => r.FromDocumentId).OnDelete(DeleteBehavior.Cascade);
            // Numbers are unique per issuer and numbering period (a Party committee's term, a State body's year).
            document.HasIndex(d => new { d.IssuerKey, d.SymbolKey, d.NumberingPeriod }).IsUnique().HasFilter("numbered");
            document.HasIndex(d => d.SortKey);
            document.HasIndex(d => d.SymbolKey).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_documents_symbol_key_trgm");
            // Words weigh more in the symbol, abstract and issuer than in the body; 'simple' because the text is already folded.
            document.Property(d => d.SearchVector).HasComputedColumnSql(
                "setweight(to_tsvector('simple', search_head), 'A') || setweight(to_tsvector('simple', search_body), 'D')", stored: true);
            document.HasIndex(d => d.SearchVector).HasMethod("gin");
        });
        model.Entity<DocumentReference>(reference =>
        {
            reference.HasKey(r => new { r.FromDocumentId, r.ToDocumentId, r.Kind });
            reference.HasOne<Document>().WithMany().HasForeignKey(r => r.ToDocumentId).OnDelete(DeleteBehavior.Restrict);
            // The implementation tree is walked from a document to those implementing it.
            reference.HasIndex(r => new { r.ToDocumentId, r.Kind });
        });
        model.Entity<DirectiveTask>(task =>
        {
            task.HasKey(t => t.Id);
            task.Property(t => t.Number).HasMaxLength(TaskNumber.MaxLength);
            task.Property(t => t.Title).HasMaxLength(500);
            task.Property(t => t.LeadUnitCode).HasMaxLength(Unit.MaxCodeLength);
            task.Property(t => t.Remarks).HasMaxLength(2000);
            task.Property(t => t.CancelledBy).HasMaxLength(200);
            task.Property(t => t.CancelReason).HasMaxLength(1000);
            task.Property(t => t.CreatedBy).HasMaxLength(200);
            task.Property(t => t.UpdatedBy).HasMaxLength(200);
            task.Property(t => t.ListKey).HasMaxLength(200).UseCollation("C");
            task.Property(t => t.Version).IsRowVersion();
            task.OwnsMany(t => t.Officials, o => o.ToJson());
            task.HasOne<Document>().WithMany().HasForeignKey(t => t.DocumentId).OnDelete(DeleteBehavior.Restrict);
            task.HasOne<Unit>().WithMany().HasForeignKey(t => t.LeadUnitCode).OnDelete(DeleteBehavior.Restrict);
            task.HasOne<DirectiveTask>().WithMany().HasForeignKey(t => t.ParentTaskId).OnDelete(DeleteBehavior.Restrict);
            task.HasIndex(t => new { t.DocumentId, t.Number }).IsUnique();
            task.HasIndex(t => t.ListKey);
            task.HasIndex(t => t.LeadUnitCode);
            task.HasIndex(t => t.ParentTaskId);
            task.Ignore(t => t.Schedule);
        });
        model.Entity<ProgressReport>(report =>
        {
            report.HasKey(r => r.Id);
            report.Property(r => r.Period).HasMaxLength(10);
            report.Property(r => r.Text).HasMaxLength(10_000);
            report.Property(r => r.ReportedBy).HasMaxLength(200);
            report.Property(r => r.ReporterName).HasMaxLength(200);
            report.Property(r => r.ReporterUnitCode).HasMaxLength(Unit.MaxCodeLength);
            report.Property(r => r.ReviewedBy).HasMaxLength(200);
            report.Property(r => r.SendBackReason).HasMaxLength(1000);
            report.OwnsMany(r => r.Evidence, e => e.ToJson());
            report.HasOne<DirectiveTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Restrict);
            report.HasIndex(r => new { r.TaskId, r.ReportedAt });
            // One confirmed completion per task, or per period of a recurring task.
            report.HasIndex(r => new { r.TaskId, r.Period }).IsUnique().HasFilter($"state = {(int)ReportState.Confirmed}")
                .HasDatabaseName("ix_progress_reports_one_confirmed");
        });
        model.Entity<DirectiveEvent>(change =>
        {
            change.MapFeed(ChangeFeedWriter.Feed);
            change.Property(e => e.Type).HasMaxLength(64);
            change.Property(e => e.Subject).HasMaxLength(100);
            change.Property(e => e.Payload).HasColumnType("jsonb");
            change.Property(e => e.DedupKey).HasMaxLength(200);
            change.HasIndex(e => e.DedupKey).IsUnique().HasFilter("dedup_key IS NOT NULL");
            change.HasIndex(e => e.TaskId);
        });
        model.Entity<ChaseUp>(chaseUp =>
        {
            chaseUp.HasKey(c => c.Id);
            chaseUp.Property(c => c.Period).HasMaxLength(10);
            chaseUp.Property(c => c.DedupKey).HasMaxLength(200);
            chaseUp.Property(c => c.LeadUnitCode).HasMaxLength(Unit.MaxCodeLength);
            chaseUp.Property(c => c.Message).HasMaxLength(2000);
            chaseUp.Property(c => c.SentBy).HasMaxLength(200);
            chaseUp.Property(c => c.SentByName).HasMaxLength(200);
            chaseUp.HasOne<DirectiveTask>().WithMany().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Restrict);
            // Each chase-up once, whatever restarts or concurrent scans.
            chaseUp.HasIndex(c => c.DedupKey).IsUnique();
            chaseUp.HasIndex(c => new { c.TaskId, c.SentAt });
        });
        model.Entity<CopiedCalendarDay>(day =>
        {
            day.ToTable("calendar_days");
            day.HasKey(d => d.Date);
            day.Property(d => d.Name).HasMaxLength(200);
            day.Property(d => d.LegalReference).HasMaxLength(500);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DirectivesDbContext>
{
    public DirectivesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DirectivesDbContext>().UseNpgsql("Host=localhost;Database=directivesdb").UseSnakeCaseNamingConvention().Options);
}
