using Cchc.Directives.Access;
using Cchc.Directives.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cchc.Directives.Data;

public sealed class DirectivesDbContext(DbContextOptions<DirectivesDbContext> options) : DbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

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
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DirectivesDbContext>
{
    public DirectivesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DirectivesDbContext>().UseNpgsql("Host=localhost;Database=directivesdb").UseSnakeCaseNamingConvention().Options);
}
