using Cchc.Directives.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cchc.Directives.Data;

public sealed class DirectivesDbContext(DbContextOptions<DirectivesDbContext> options) : DbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();

    protected override void OnModelCreating(ModelBuilder model)
    {
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
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DirectivesDbContext>
{
    public DirectivesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DirectivesDbContext>().UseNpgsql("Host=localhost;Database=directivesdb").UseSnakeCaseNamingConvention().Options);
}
