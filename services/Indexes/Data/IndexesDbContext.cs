using Cchc.ChangeFeeds;
using Cchc.Indexes.ChangeFeed;
using Cchc.Indexes.Frameworks;
using Cchc.Indexes.Results;
using Cchc.Indexes.SelfAssessment;
using Cchc.Indexes.ServiceIndex;
using Cchc.Indexes.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cchc.Indexes.Data;

public sealed class IndexesDbContext(DbContextOptions<IndexesDbContext> options) : DbContext(options)
{
    public DbSet<IndexFramework> Frameworks => Set<IndexFramework>();
    public DbSet<IndexComponent> Components => Set<IndexComponent>();
    public DbSet<Subject> Subjects => Set<Subject>();
    public DbSet<Succession> Successions => Set<Succession>();
    public DbSet<IndexResult> Results => Set<IndexResult>();
    public DbSet<ComponentScore> ComponentScores => Set<ComponentScore>();
    public DbSet<IndexResultRevision> ResultRevisions => Set<IndexResultRevision>();
    public DbSet<IndexEvent> Events => Set<IndexEvent>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<CriterionAssessment> CriterionAssessments => Set<CriterionAssessment>();
    public DbSet<DossierFact> DossierFacts => Set<DossierFact>();
    public DbSet<ManualIndicatorValue> ManualIndicators => Set<ManualIndicatorValue>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<IndexFramework>(f =>
        {
            f.ToTable("index_frameworks");
            // A methodology change is a new version; results keep pointing at theirs.
            f.HasKey(x => new { x.Code, x.Version });
            f.Property(x => x.Code).HasMaxLength(32);
            f.Property(x => x.Name).HasMaxLength(300);
            f.Property(x => x.Methodology).HasMaxLength(500);
            f.Property(x => x.MaxTotal).HasPrecision(9, 3);
            f.HasMany(x => x.Components).WithOne()
                .HasForeignKey(c => new { c.FrameworkCode, c.FrameworkVersion })
                .OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<IndexComponent>(c =>
        {
            c.ToTable("index_components");
            c.HasKey(x => new { x.FrameworkCode, x.FrameworkVersion, x.Code });
            c.Property(x => x.FrameworkCode).HasMaxLength(32);
            c.Property(x => x.Code).HasMaxLength(64);
            c.Property(x => x.ParentCode).HasMaxLength(64);
            c.Property(x => x.Name).HasMaxLength(500);
            c.Property(x => x.MaxScore).HasPrecision(9, 3);
        });
        model.Entity<Subject>(x =>
        {
            x.HasKey(s => s.Code);
            x.Property(s => s.Code).HasMaxLength(64);
            x.Property(s => s.Name).HasMaxLength(200);
            x.Property(s => s.AgencyCode).HasMaxLength(64);
        });
        model.Entity<Succession>(x =>
        {
            x.HasKey(s => new { s.PredecessorCode, s.SuccessorCode });
            x.HasOne<Subject>().WithMany().HasForeignKey(s => s.PredecessorCode).OnDelete(DeleteBehavior.Restrict);
            x.HasOne<Subject>().WithMany().HasForeignKey(s => s.SuccessorCode).OnDelete(DeleteBehavior.Restrict);
            x.Property(s => s.LegalReference).HasMaxLength(300);
        });
        model.Entity<IndexResult>(x =>
        {
            x.ToTable("index_results");
            x.HasKey(r => r.Id);
            // One published result per index, year and subject; a correction is a new revision of it.
            x.HasIndex(r => new { r.FrameworkCode, r.Year, r.SubjectCode }).IsUnique();
            x.HasIndex(r => new { r.SubjectCode, r.FrameworkCode });
            x.Property(r => r.FrameworkCode).HasMaxLength(32);
            x.Property(r => r.SubjectCode).HasMaxLength(64);
            x.Property(r => r.Total).HasPrecision(9, 3);
            x.Property(r => r.Source).HasMaxLength(500);
            x.Property(r => r.RecordedBy).HasMaxLength(200);
            x.HasOne<Subject>().WithMany().HasForeignKey(r => r.SubjectCode).OnDelete(DeleteBehavior.Restrict);
            x.HasMany(r => r.Components).WithOne().HasForeignKey(c => c.ResultId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ComponentScore>(x =>
        {
            x.ToTable("index_component_scores");
            x.HasKey(c => new { c.ResultId, c.ComponentCode });
            x.Property(c => c.ComponentCode).HasMaxLength(64);
            x.Property(c => c.Score).HasPrecision(9, 3);
        });
        model.Entity<IndexResultRevision>(x =>
        {
            x.ToTable("index_result_revisions");
            x.HasKey(r => r.Id);
            x.HasIndex(r => r.ResultId);
            x.Property(r => r.SnapshotJson).HasColumnType("jsonb");
            x.Property(r => r.ReplacedBy).HasMaxLength(200);
        });
        model.Entity<Assessment>(x =>
        {
            x.ToTable("assessments");
            x.HasKey(a => a.Id);
            // One assessment per framework, year and unit, whatever the framework's version.
            x.HasIndex(a => new { a.FrameworkCode, a.Year, a.UnitCode }).IsUnique();
            x.Property(a => a.FrameworkCode).HasMaxLength(32);
            x.Property(a => a.UnitCode).HasMaxLength(64);
            x.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            x.Property(a => a.StartedBy).HasMaxLength(200);
            x.Property(a => a.LockedBy).HasMaxLength(200);
            x.Property(a => a.Version).IsRowVersion();
            x.HasOne<IndexFramework>().WithMany().HasForeignKey(a => new { a.FrameworkCode, a.FrameworkVersion }).OnDelete(DeleteBehavior.Restrict);
            x.HasMany(a => a.Criteria).WithOne().HasForeignKey(c => c.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CriterionAssessment>(x =>
        {
            x.ToTable("assessment_criteria");
            x.HasKey(c => new { c.AssessmentId, c.CriterionCode });
            x.Property(c => c.CriterionCode).HasMaxLength(64);
            x.Property(c => c.SelfScore).HasPrecision(9, 3);
            x.Property(c => c.AppraisedScore).HasPrecision(9, 3);
            x.Property(c => c.Note).HasMaxLength(2000);
            x.Property(c => c.AppraisalComment).HasMaxLength(2000);
            x.Property(c => c.ScoredBy).HasMaxLength(200);
            x.Property(c => c.AppraisedBy).HasMaxLength(200);
            x.Ignore(c => c.FinalScore);
            x.HasMany(c => c.Evidence).WithOne().HasForeignKey(e => new { e.AssessmentId, e.CriterionCode }).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Evidence>(x =>
        {
            x.ToTable("assessment_evidence");
            x.HasKey(e => new { e.AssessmentId, e.CriterionCode, e.Ordinal });
            x.Property(e => e.CriterionCode).HasMaxLength(64);
            x.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            x.Property(e => e.DocumentId).HasMaxLength(64);
            x.Property(e => e.TaskId).HasMaxLength(64);
            x.Property(e => e.ReportId).HasMaxLength(64);
            x.Property(e => e.Title).HasMaxLength(600);
        });
        model.Entity<IndexEvent>(change =>
        {
            change.MapFeed(ChangeFeedWriter.Feed);
            change.Property(e => e.Type).HasMaxLength(60);
            change.Property(e => e.ResultKey).HasMaxLength(140);
            change.Property(e => e.Payload).HasColumnType("jsonb");
        });
        model.Entity<DossierFact>(x =>
        {
            x.ToTable("dossier_facts");
            // Each fact row is rewritten by every later event of its dossier (about five in all) without touching an
            // indexed column: room left in each page lets PostgreSQL write the new version beside the old one (a HOT
            // update) instead of on another page with a new entry in each of the four indexes.
            x.HasStorageParameter("fillfactor", 70);
            x.HasKey(f => f.DossierCode);
            x.Property(f => f.DossierCode).HasMaxLength(64);
            x.Property(f => f.AgencyCode).HasMaxLength(64);
            x.Property(f => f.ProvinceCode).HasMaxLength(64);
            x.Property(f => f.ReceivingUnitCode).HasMaxLength(64);
            x.Property(f => f.ProcedureCode).HasMaxLength(64);
            // The index's queries: one scope, one year, maybe one month or quarter.
            x.HasIndex(f => new { f.ProvinceCode, f.ReceivedYear, f.ReceivedMonth });
            x.HasIndex(f => new { f.AgencyCode, f.ReceivedYear, f.ReceivedMonth });
            x.HasIndex(f => new { f.ReceivingUnitCode, f.ReceivedYear, f.ReceivedMonth });
        });
        model.Entity<FeedCursor>(x => x.MapFeedCursors(maxFeedLength: 40));
        model.Entity<ManualIndicatorValue>(x =>
        {
            x.ToTable("manual_indicator_values");
            x.HasKey(m => new { m.IndicatorCode, m.ScopeKind, m.ScopeCode, m.PeriodKind, m.Period });
            x.Property(m => m.IndicatorCode).HasMaxLength(16);
            x.Property(m => m.ScopeKind).HasConversion<string>().HasMaxLength(16);
            x.Property(m => m.ScopeCode).HasMaxLength(64);
            x.Property(m => m.PeriodKind).HasConversion<string>().HasMaxLength(16);
            x.Property(m => m.Period).HasMaxLength(10);
            x.Property(m => m.Ratio).HasPrecision(9, 6);
            x.Property(m => m.Note).HasMaxLength(500);
            x.Property(m => m.EnteredBy).HasMaxLength(200);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IndexesDbContext>
{
    public IndexesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IndexesDbContext>().UseNpgsql("Host=localhost;Database=indexesdb").UseSnakeCaseNamingConvention().Options);
}
