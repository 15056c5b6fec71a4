using Cchc.ChangeFeeds;
using Cchc.Dossiers.Apologies;
using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Digitisation;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.Ratings;
using Cchc.Dossiers.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cchc.Dossiers.Data;

public sealed class DossiersDbContext(DbContextOptions<DossiersDbContext> options) : DbContext(options)
{
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<AgencyIntakePolicy> IntakePolicies => Set<AgencyIntakePolicy>();
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();
    public DbSet<CalendarYearNotice> CalendarYearNotices => Set<CalendarYearNotice>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierScopeUnit> ScopeUnits => Set<DossierScopeUnit>();
    public DbSet<DossierCodeCounter> CodeCounters => Set<DossierCodeCounter>();
    public DbSet<DossierAuditEntry> AuditEntries => Set<DossierAuditEntry>();
    public DbSet<DossierStep> Steps => Set<DossierStep>();
    public DbSet<DossierEvent> Events => Set<DossierEvent>();
    public DbSet<ServiceKey> ServiceKeys => Set<ServiceKey>();
    public DbSet<ApologyLetter> ApologyLetters => Set<ApologyLetter>();
    public DbSet<AgencyTransfer> AgencyTransfers => Set<AgencyTransfer>();
    public DbSet<DigitisedDocument> DigitisedDocuments => Set<DigitisedDocument>();
    public DbSet<DigitisedContent> DigitisedContents => Set<DigitisedContent>();
    public DbSet<DocumentAccess> DocumentAccesses => Set<DocumentAccess>();
    public DbSet<DossierRating> Ratings => Set<DossierRating>();
    public DbSet<StepDeadlines.StepAlert> StepAlerts => Set<StepDeadlines.StepAlert>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Procedure>(procedure =>
        {
            // A version is immutable once written: a dossier keeps pointing at the version it was received under.
            procedure.HasKey(p => new { p.Code, p.Version });
            procedure.Property(p => p.Code).HasMaxLength(20);
            procedure.Property(p => p.Name).HasMaxLength(1000);
            procedure.Property(p => p.Field).HasMaxLength(200);
            procedure.Property(p => p.AgencyCode).HasMaxLength(64);
            procedure.Property(p => p.ProcessingUnitCode).HasMaxLength(64);
            procedure.Property(p => p.StatutoryAmount).HasPrecision(9, 2);
            procedure.Property(p => p.ResultKind).HasConversion<string>().HasMaxLength(20);
            procedure.Property(p => p.ResultName).HasMaxLength(500);
            procedure.Property(p => p.TargetAmount).HasPrecision(9, 2);
            procedure.Property(p => p.ChangeNote).HasMaxLength(2000);
            procedure.Property(p => p.CreatedBy).HasMaxLength(200);
            procedure.OwnsMany(p => p.Fees, fees =>
            {
                fees.ToJson();
                fees.Property(f => f.Kind).HasConversion<string>();
            });
            procedure.OwnsMany(p => p.RequiredPapers, papers =>
            {
                papers.ToJson();
                papers.Property(p => p.Kind).HasConversion<string>();
            });
            procedure.OwnsMany(p => p.ProcessSteps, steps => steps.ToJson());
            procedure.HasIndex(p => new { p.Field, p.Code });
            procedure.HasIndex(p => new { p.AgencyCode, p.Code });
        });
        model.Entity<CalendarDay>(day =>
        {
            day.HasKey(d => d.Date);
            // By name, so the table reads on its own and does not depend on the enum's order.
            day.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
            day.Property(d => d.Name).HasMaxLength(200);
            day.Property(d => d.LegalReference).HasMaxLength(500);
            // Lets the migration insert the official schedules without inventing a timestamp for them.
            day.Property(d => d.UpdatedAt).HasDefaultValueSql("now()");
        });
        model.Entity<CalendarYear>(year =>
        {
            year.ToTable("calendar_years");
            year.HasKey(y => y.Year);
            year.Property(y => y.Year).ValueGeneratedNever();
            year.Property(y => y.LegalReference).HasMaxLength(500);
            year.Property(y => y.ConfirmedBy).HasMaxLength(200);
            year.Property(y => y.ConfirmedAt).HasDefaultValueSql("now()");
        });
        model.Entity<CalendarYearNotice>(notice =>
        {
            notice.ToTable("calendar_year_notices");
            // One notice per year, however many instances look.
            notice.HasKey(n => n.Year);
            notice.Property(n => n.Year).ValueGeneratedNever();
        });
        model.Entity<AgencyIntakePolicy>(policy =>
        {
            policy.HasKey(p => p.AgencyCode);
            policy.Property(p => p.AgencyCode).HasMaxLength(64);
        });
        model.Entity<Dossier>(dossier =>
        {
            dossier.ToTable("dossiers");
            dossier.HasKey(d => d.Id);
            dossier.Property(d => d.Code).HasMaxLength(100);
            dossier.HasIndex(d => d.Code).IsUnique();
            // The idempotency of intake rests on this index, not on the code that checks first.
            dossier.HasIndex(d => d.RequestId).IsUnique();
            dossier.Property(d => d.RequestFingerprint).HasMaxLength(64);
            dossier.Property(d => d.ProcedureCode).HasMaxLength(20);
            // The version the dossier was received under, never the latest one.
            dossier.HasOne(d => d.Procedure).WithMany()
                .HasForeignKey(d => new { d.ProcedureCode, d.ProcedureVersion })
                .OnDelete(DeleteBehavior.Restrict);
            dossier.Property(d => d.AgencyCode).HasMaxLength(64);
            dossier.Property(d => d.ReceivingUnitCode).HasMaxLength(64);
            dossier.Property(d => d.CurrentUnitCode).HasMaxLength(64);
            // A unit's listing and statistics find its dossiers (its sub-units' included) through the units the
            // database keeps for each (DossierScopeUnit), not through indexes on these columns.
            dossier.Property(d => d.TransferredToAgencyCode).HasMaxLength(64);
            dossier.Property(d => d.TransferredFromUnitCode).HasMaxLength(64);
            // Statistics select a period of intake first (DossierStatisticsQuery).
            dossier.HasIndex(d => d.SubmittedAt);
            dossier.Property(d => d.Channel).HasConversion<string>().HasMaxLength(20);
            dossier.Property(d => d.ApplicantKind).HasConversion<string>().HasMaxLength(20);
            dossier.Property(d => d.ApplicantIdentityNumber).HasMaxLength(20);
            dossier.Property(d => d.ApplicantName).HasMaxLength(200);
            dossier.Property(d => d.ApplicantPhone).HasMaxLength(20);
            dossier.Property(d => d.ApplicantEmail).HasMaxLength(254);
            dossier.Property(d => d.ApplicantAddress).HasMaxLength(500);
            dossier.OwnsMany(d => d.Papers, papers =>
            {
                papers.ToJson();
                papers.Property(p => p.Kind).HasConversion<string>();
            });
            dossier.Ignore(d => d.ResultElectronic);
            dossier.Property(d => d.RatingOverall).HasConversion<string>().HasMaxLength(20);
            // Stored as the national code (1–10), which is what every report and sync speaks.
            dossier.Property(d => d.Status).HasConversion<int>();
            dossier.Property(d => d.Version).IsConcurrencyToken();
            dossier.Property(d => d.SupplementRequirements).HasMaxLength(4000);
            dossier.Property(d => d.LastReason).HasMaxLength(2000);
            dossier.Property(d => d.LookupSecretHash).HasMaxLength(64);
            dossier.Ignore(d => d.Etag);
        });
        model.Entity<DossierScopeUnit>(scope =>
        {
            // Written only by the database's triggers on dossiers (DossierScopeUnit), which also remove a dossier's rows
            // with it: no foreign key to check, and no second index to keep, on every intake. The key is the listing's
            // order within a unit and status.
            scope.ToTable("dossier_scope_units");
            scope.HasKey(s => new { s.UnitCode, s.Status, s.DossierId });
            scope.Property(s => s.UnitCode).HasMaxLength(64);
            scope.Property(s => s.Status).HasConversion<int>();
        });
        model.Entity<DossierCodeCounter>(counter =>
        {
            counter.ToTable("dossier_code_counters");
            counter.HasKey(c => new { c.AgencyCode, c.Day });
            counter.Property(c => c.AgencyCode).HasMaxLength(64);
        });
        model.Entity<DossierAuditEntry>(entry =>
        {
            entry.ToTable("dossier_audit");
            entry.HasKey(e => e.Id);
            entry.HasOne<Dossier>().WithMany().HasForeignKey(e => e.DossierId).OnDelete(DeleteBehavior.Restrict);
            entry.HasIndex(e => new { e.DossierId, e.Id });
            entry.Property(e => e.Action).HasMaxLength(40);
            entry.Property(e => e.ActorSubject).HasMaxLength(200);
            entry.Property(e => e.ActorName).HasMaxLength(200);
            entry.Property(e => e.ActorRoles).HasMaxLength(500);
            entry.Property(e => e.Reason).HasMaxLength(2000);
            entry.Property(e => e.Before).HasColumnType("jsonb");
            entry.Property(e => e.After).HasColumnType("jsonb");
        });
        model.Entity<DossierStep>(step =>
        {
            step.ToTable("dossier_steps");
            step.HasKey(s => s.Id);
            step.HasOne<Dossier>().WithMany().HasForeignKey(s => s.DossierId).OnDelete(DeleteBehavior.Restrict);
            step.HasIndex(s => new { s.DossierId, s.Id });
            step.Property(s => s.FromUnitCode).HasMaxLength(64);
            step.Property(s => s.ToUnitCode).HasMaxLength(64);
            step.Property(s => s.Action).HasConversion<string>().HasMaxLength(40);
            step.Property(s => s.HandedOverBy).HasMaxLength(200);
            step.Property(s => s.HandedOverByName).HasMaxLength(200);
            step.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(20);
        });
        model.Entity<DossierEvent>(change =>
        {
            change.MapFeed(ChangeFeedWriter.Feed);
            change.Property(e => e.Type).HasMaxLength(60);
            change.Property(e => e.DossierCode).HasMaxLength(100);
            change.Property(e => e.Payload).HasColumnType("jsonb");
        });
        model.Entity<ApologyLetter>(letter =>
        {
            letter.ToTable("dossier_apology_letters");
            letter.HasKey(l => l.Id);
            letter.HasOne<Dossier>().WithMany().HasForeignKey(l => l.DossierId).OnDelete(DeleteBehavior.Restrict);
            // Two officials issuing "the first letter" at once: one gets in (the row lock orders them anyway).
            letter.HasIndex(l => new { l.DossierId, l.Number }).IsUnique();
            letter.Property(l => l.IssuedBy).HasMaxLength(200);
            letter.Property(l => l.IssuedByName).HasMaxLength(200);
            letter.Property(l => l.Reason).HasMaxLength(2000);
            letter.Property(l => l.AgencyName).HasMaxLength(300);
            letter.Property(l => l.SignerName).HasMaxLength(200);
            letter.Property(l => l.SignerTitle).HasMaxLength(300);
            letter.Property(l => l.Title).HasMaxLength(300);
        });
        model.Entity<AgencyTransfer>(transfer =>
        {
            transfer.ToTable("dossier_agency_transfers");
            transfer.HasKey(t => t.Id);
            transfer.HasOne<Dossier>().WithMany().HasForeignKey(t => t.DossierId).OnDelete(DeleteBehavior.Restrict);
            transfer.HasIndex(t => new { t.DossierId, t.Id });
            // At most one transfer of a dossier is open at a time.
            transfer.HasIndex(t => t.DossierId).IsUnique().HasFilter("returned_at IS NULL").HasDatabaseName("ix_dossier_agency_transfers_open");
            transfer.Property(t => t.FromAgencyCode).HasMaxLength(64);
            transfer.Property(t => t.FromUnitCode).HasMaxLength(64);
            transfer.Property(t => t.ToAgencyCode).HasMaxLength(64);
            transfer.Property(t => t.ToUnitCode).HasMaxLength(64);
            transfer.Property(t => t.Purpose).HasMaxLength(2000);
            transfer.Property(t => t.SentBy).HasMaxLength(200);
            transfer.Property(t => t.SentByName).HasMaxLength(200);
            transfer.Property(t => t.ReturnedBy).HasMaxLength(200);
            transfer.Property(t => t.ReturnedByName).HasMaxLength(200);
            transfer.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(20);
            transfer.Property(t => t.OutcomeNote).HasMaxLength(2000);
            transfer.Property(t => t.StepOutcome).HasConversion<string>().HasMaxLength(20);
        });
        model.Entity<DigitisedDocument>(document =>
        {
            document.ToTable("digitised_documents");
            document.HasKey(d => d.Id);
            document.Property(d => d.Id).ValueGeneratedNever();
            document.Property(d => d.ApplicantKey).HasMaxLength(64);
            // One copy of a file per applicant, whichever dossier brought it first.
            document.HasIndex(d => new { d.ApplicantKey, d.Sha256 }).IsUnique();
            // An applicant's papers, found again at intake by paper key.
            document.HasIndex(d => new { d.ApplicantKey, d.PaperKey });
            document.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
            document.Property(d => d.PaperKey).HasMaxLength(600);
            document.Property(d => d.PaperCode).HasMaxLength(64);
            document.Property(d => d.Name).HasMaxLength(500);
            document.Property(d => d.FileName).HasMaxLength(255);
            document.Property(d => d.MediaType).HasMaxLength(100);
            document.Property(d => d.Sha256).HasMaxLength(64);
            document.Property(d => d.CreatedBy).HasMaxLength(200);
            document.Property(d => d.SourceDossierCode).HasMaxLength(100);
            document.HasOne<Dossier>().WithMany().HasForeignKey(d => d.SourceDossierId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<DigitisedContent>(content =>
        {
            content.ToTable("digitised_contents");
            content.HasKey(c => c.DocumentId);
            content.HasOne<DigitisedDocument>().WithOne().HasForeignKey<DigitisedContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<DocumentAccess>(access =>
        {
            access.ToTable("document_accesses");
            access.HasKey(a => a.Id);
            access.HasIndex(a => new { a.ApplicantKey, a.AccessedAt });
            access.Property(a => a.ApplicantKey).HasMaxLength(64);
            access.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
            access.Property(a => a.DossierCode).HasMaxLength(100);
            access.Property(a => a.AccessedBy).HasMaxLength(200);
            access.Property(a => a.AccessedByAgency).HasMaxLength(64);
            access.Property(a => a.Basis).HasMaxLength(500);
        });
        model.Entity<StepDeadlines.StepAlert>(alert =>
        {
            alert.ToTable("step_alerts");
            alert.HasKey(a => a.Id);
            // One alert per step and stage, whoever raises it.
            alert.HasIndex(a => new { a.DossierId, a.StepStartedAt, a.Stage }).IsUnique();
            alert.Property(a => a.UnitCode).HasMaxLength(64);
            alert.HasOne<Dossier>().WithMany().HasForeignKey(a => a.DossierId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<DossierRating>(rating =>
        {
            rating.ToTable("dossier_ratings");
            rating.HasKey(r => r.Id);
            // One rating per dossier, whatever reaches the database first.
            rating.HasIndex(r => r.DossierId).IsUnique();
            rating.HasOne<Dossier>().WithOne().HasForeignKey<DossierRating>(r => r.DossierId).OnDelete(DeleteBehavior.Restrict);
            rating.Property(r => r.Overall).HasConversion<string>().HasMaxLength(20);
            rating.Property(r => r.Comment).HasMaxLength(2000);
            rating.OwnsMany(r => r.Criteria, criteria =>
            {
                criteria.ToJson();
                criteria.Property(c => c.Criterion).HasConversion<string>();
                criteria.Property(c => c.Level).HasConversion<string>();
            });
        });
        model.Entity<ServiceKey>(key =>
        {
            key.ToTable("service_keys");
            key.HasKey(k => k.Name);
            key.Property(k => k.Name).HasMaxLength(60);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DossiersDbContext>
{
    public DossiersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DossiersDbContext>().UseNpgsql("Host=localhost;Database=dossiersdb").UseSnakeCaseNamingConvention().Options);
}
