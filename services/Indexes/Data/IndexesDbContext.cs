using Cchc.Indexes.Frameworks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cchc.Indexes.Data;

public sealed class IndexesDbContext(DbContextOptions<IndexesDbContext> options) : DbContext(options)
{
    public DbSet<IndexFramework> Frameworks => Set<IndexFramework>();
    public DbSet<IndexComponent> Components => Set<IndexComponent>();

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
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IndexesDbContext>
{
    public IndexesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IndexesDbContext>().UseNpgsql("Host=localhost;Database=indexesdb").UseSnakeCaseNamingConvention().Options);
}
