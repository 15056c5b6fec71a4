using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <summary>
    /// The feed's guard as triggers that call no function when a reader numbers an event (the one update allowed);
    /// the same refusals as before (see <c>Cchc.ChangeFeeds.FeedMigrations.CreateGuardTriggers</c>).
    /// </summary>
    [DbContext(typeof(DossiersDbContext))]
    [Migration("20261206231000_FeedGuardWithoutCalls")]
    public partial class FeedGuardWithoutCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Cchc.ChangeFeeds.FeedMigrations.CreateGuardTriggers("dossier_events"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Cchc.ChangeFeeds.FeedMigrations.DropGuardTriggers("dossier_events"));
        }
    }
}
