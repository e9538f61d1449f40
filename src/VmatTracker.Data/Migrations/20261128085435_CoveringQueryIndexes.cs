using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VmatTracker.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoveringQueryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RunTags_Key_Value",
                table: "RunTags");

            migrationBuilder.DropIndex(
                name: "IX_RunParameters_Key_Number",
                table: "RunParameters");

            migrationBuilder.DropIndex(
                name: "IX_RunParameters_Key_Text",
                table: "RunParameters");

            migrationBuilder.DropIndex(
                name: "IX_MetricSummaries_Key_Last",
                table: "MetricSummaries");

            migrationBuilder.DropIndex(
                name: "IX_MetricSummaries_Key_Max",
                table: "MetricSummaries");

            migrationBuilder.DropIndex(
                name: "IX_MetricSummaries_Key_Min",
                table: "MetricSummaries");

            migrationBuilder.CreateIndex(
                name: "IX_RunTags_Key_Value_RunId",
                table: "RunTags",
                columns: new[] { "Key", "Value", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_RunParameters_Key_Number_RunId",
                table: "RunParameters",
                columns: new[] { "Key", "Number", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_RunParameters_Key_Text_RunId",
                table: "RunParameters",
                columns: new[] { "Key", "Text", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_MetricSummaries_Key_Last_RunId",
                table: "MetricSummaries",
                columns: new[] { "Key", "Last", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_MetricSummaries_Key_Max_RunId",
                table: "MetricSummaries",
                columns: new[] { "Key", "Max", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_MetricSummaries_Key_Min_RunId",
                table: "MetricSummaries",
                columns: new[] { "Key", "Min", "RunId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RunTags_Key_Value_RunId",
                table: "RunTags");

            migrationBuilder.DropIndex(
                name: "IX_RunParameters_Key_Number_RunId",
                table: "RunParameters");

            migrationBuilder.DropIndex(
                name: "IX_RunParameters_Key_Text_RunId",
                table: "RunParameters");

            migrationBuilder.DropIndex(
                name: "IX_MetricSummaries_Key_Last_RunId",
                table: "MetricSummaries");

            migrationBuilder.DropIndex(
                name: "IX_MetricSummaries_Key_Max_RunId",
                table: "MetricSummaries");

            migrationBuilder.DropIndex(
                name: "IX_MetricSummaries_Key_Min_RunId",
                table: "MetricSummaries");

            migrationBuilder.CreateIndex(
                name: "IX_RunTags_Key_Value",
                table: "RunTags",
                columns: new[] { "Key", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_RunParameters_Key_Number",
                table: "RunParameters",
                columns: new[] { "Key", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_RunParameters_Key_Text",
                table: "RunParameters",
                columns: new[] { "Key", "Text" });

            migrationBuilder.CreateIndex(
                name: "IX_MetricSummaries_Key_Last",
                table: "MetricSummaries",
                columns: new[] { "Key", "Last" });

            migrationBuilder.CreateIndex(
                name: "IX_MetricSummaries_Key_Max",
                table: "MetricSummaries",
                columns: new[] { "Key", "Max" });

            migrationBuilder.CreateIndex(
                name: "IX_MetricSummaries_Key_Min",
                table: "MetricSummaries",
                columns: new[] { "Key", "Min" });
        }
    }
}
