using Cchc.Dossiers.Procedures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cchc.Dossiers.Data;

public sealed class DossiersDbContext(DbContextOptions<DossiersDbContext> options) : DbContext(options)
{
    public DbSet<Procedure> Procedures => Set<Procedure>();

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
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DossiersDbContext>
{
    public DossiersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DossiersDbContext>().UseNpgsql("Host=localhost;Database=dossiersdb").UseSnakeCaseNamingConvention().Options);
}
