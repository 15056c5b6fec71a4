using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Indexes.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialFrameworks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "index_frameworks",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    methodology = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    scale = table.Column<int>(type: "integer", nullable: false),
                    max_total = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_frameworks", x => new { x.code, x.version });
                });

            migrationBuilder.CreateTable(
                name: "index_components",
                columns: table => new
                {
                    framework_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    framework_version = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    max_score = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: true),
                    unconfirmed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_components", x => new { x.framework_code, x.framework_version, x.code });
                    table.ForeignKey(
                        name: "fk_index_components_index_frameworks_framework_code_framework_",
                        columns: x => new { x.framework_code, x.framework_version },
                        principalTable: "index_frameworks",
                        principalColumns: new[] { "code", "version" },
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "index_components");

            migrationBuilder.DropTable(
                name: "index_frameworks");
        }
    }
}
