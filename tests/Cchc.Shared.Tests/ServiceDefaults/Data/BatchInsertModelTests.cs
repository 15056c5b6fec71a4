using Cchc.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Shared.Tests.ServiceDefaults.Data;

/// <summary>
/// What <see cref="BatchInsert"/> writes is read from EF Core's model; what it could not write as EF Core does is
/// refused when the type is first used (no database is needed to find out).
/// </summary>
public sealed class BatchInsertModelTests
{
    public enum Colour { Red = 1, Green = 2 }

    public sealed class Part
    {
        public required string Name { get; init; }
        public Colour Colour { get; init; }
    }

    public sealed class Inner
    {
        public int Depth { get; init; }
    }

    public sealed class Outer
    {
        public required Inner Inner { get; init; }
    }

    public sealed class Row
    {
        public long Id { get; init; }
        public required string Name { get; init; }
        public Colour Colour { get; init; }
        public DateOnly Day { get; init; }
        public List<Part> Parts { get; init; } = [];
    }

    public sealed class Other
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public Outer? Outer { get; init; }
    }

    [Fact]
    public void The_columns_are_the_models_with_the_generated_key_left_to_the_database_and_owned_JSON_as_one_column()
    {
        using var db = new RowModel();

        Assert.Equal(["colour", "day", "name", "parts"], BatchInsert.ColumnsOf(db, typeof(Row)));
    }

    [Fact]
    public void A_shadow_property_a_store_default_and_nested_JSON_are_refused_not_written_wrong()
    {
        using var shadow = new ShadowModel();
        using var defaulted = new DefaultModel();
        using var nested = new NestedModel();

        Assert.Contains("shadow property secret", Assert.Throws<NotSupportedException>(() => BatchInsert.ColumnsOf(shadow, typeof(Other))).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("store default of name", Assert.Throws<NotSupportedException>(() => BatchInsert.ColumnsOf(defaulted, typeof(Other))).Message, StringComparison.Ordinal);
        Assert.Contains("nested JSON of Outer", Assert.Throws<NotSupportedException>(() => BatchInsert.ColumnsOf(nested, typeof(Other))).Message, StringComparison.Ordinal);
    }

    private abstract class TestModel : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) =>
            options.UseNpgsql("Host=unused.invalid").UseSnakeCaseNamingConvention();
    }

    private sealed class RowModel : TestModel
    {
        protected override void OnModelCreating(ModelBuilder model) => model.Entity<Row>(row =>
        {
            row.Property(r => r.Colour).HasConversion<string>();
            row.OwnsMany(r => r.Parts, parts => parts.ToJson());
        });
    }

    private sealed class ShadowModel : TestModel
    {
        protected override void OnModelCreating(ModelBuilder model) => model.Entity<Other>(other =>
        {
            other.Ignore(o => o.Outer);
            other.Property<string>("Secret");
        });
    }

    private sealed class DefaultModel : TestModel
    {
        protected override void OnModelCreating(ModelBuilder model) => model.Entity<Other>(other =>
        {
            other.Ignore(o => o.Outer);
            other.Property(o => o.Name).HasDefaultValueSql("'x'");
        });
    }

    private sealed class NestedModel : TestModel
    {
        protected override void OnModelCreating(ModelBuilder model) => model.Entity<Other>(other =>
            other.OwnsOne(o => o.Outer, outer => { outer.ToJson(); outer.OwnsOne(x => x.Inner); }));
    }
}
