using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Procedures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cchc.Dossiers.Data;

public sealed class DossiersDbContext(DbContextOptions<DossiersDbContext> options) : DbContext(options)
{
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<AgencyIntakePolicy> IntakePolicies => Set<AgencyIntakePolicy>();

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
        model.Entity<AgencyIntakePolicy>(policy =>
        {
            policy.HasKey(p => p.AgencyCode);
            policy.Property(p => p.AgencyCode).HasMaxLength(64);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DossiersDbContext>
{
    public DossiersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DossiersDbContext>().UseNpgsql("Host=localhost;Database=dossiersdb").UseSnakeCaseNamingConvention().Options);
}
