using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VmatTracker.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Experiments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExperimentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastHeartbeatAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: true),
                    FailureMessage = table.Column<string>(type: "TEXT", nullable: true),
                    ConfigJson = table.Column<string>(type: "TEXT", nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: true),
                    Starred = table.Column<bool>(type: "INTEGER", nullable: false),
                    GroupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Runs_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Artifacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Artifacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Artifacts_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Checkpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Epoch = table.Column<int>(type: "INTEGER", nullable: true),
                    MonitoredKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MonitoredValue = table.Column<double>(type: "REAL", nullable: true),
                    IsBest = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checkpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Checkpoints_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DatasetRefs",
                columns: table => new
                {
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", nullable: true),
                    Fingerprint = table.Column<string>(type: "TEXT", nullable: true),
                    CaseCount = table.Column<int>(type: "INTEGER", nullable: true),
                    DataVersion = table.Column<string>(type: "TEXT", nullable: true),
                    SpacingSummary = table.Column<string>(type: "TEXT", nullable: true),
                    TrainCaseIds = table.Column<string>(type: "TEXT", nullable: false),
                    ValidationCaseIds = table.Column<string>(type: "TEXT", nullable: false),
                    TestCaseIds = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetRefs", x => x.RunId);
                    table.ForeignKey(
                        name: "FK_DatasetRefs_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MetricPoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Step = table.Column<long>(type: "INTEGER", nullable: false),
                    Epoch = table.Column<int>(type: "INTEGER", nullable: true),
                    WallTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    NonFinite = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Context = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricPoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MetricPoints_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MetricSummaries",
                columns: table => new
                {
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    NonFiniteCount = table.Column<long>(type: "INTEGER", nullable: false),
                    Last = table.Column<double>(type: "REAL", nullable: true),
                    LastStep = table.Column<long>(type: "INTEGER", nullable: false),
                    Min = table.Column<double>(type: "REAL", nullable: true),
                    MinEpoch = table.Column<int>(type: "INTEGER", nullable: true),
                    Max = table.Column<double>(type: "REAL", nullable: true),
                    MaxEpoch = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricSummaries", x => new { x.RunId, x.Key });
                    table.ForeignKey(
                        name: "FK_MetricSummaries_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Provenances",
                columns: table => new
                {
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceCommit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SourceBranch = table.Column<string>(type: "TEXT", nullable: true),
                    SourceDirty = table.Column<bool>(type: "INTEGER", nullable: true),
                    SourceDiff = table.Column<string>(type: "TEXT", nullable: true),
                    WorkingFolderCommit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    WorkingFolder = table.Column<string>(type: "TEXT", nullable: true),
                    CommandLine = table.Column<string>(type: "TEXT", nullable: true),
                    Host = table.Column<string>(type: "TEXT", nullable: true),
                    OperatingSystem = table.Column<string>(type: "TEXT", nullable: true),
                    RuntimeVersion = table.Column<string>(type: "TEXT", nullable: true),
                    TorchSharpVersion = table.Column<string>(type: "TEXT", nullable: true),
                    LibTorchVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Device = table.Column<string>(type: "TEXT", nullable: true),
                    GpuName = table.Column<string>(type: "TEXT", nullable: true),
                    GpuMemoryBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    CudaVersion = table.Column<string>(type: "TEXT", nullable: true),
                    CpuThreads = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Provenances", x => x.RunId);
                    table.ForeignKey(
                        name: "FK_Provenances_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunParameters",
                columns: table => new
                {
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    Number = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunParameters", x => new { x.RunId, x.Key });
                    table.ForeignKey(
                        name: "FK_RunParameters_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunTags",
                columns: table => new
                {
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunTags", x => new { x.RunId, x.Key });
                    table.ForeignKey(
                        name: "FK_RunTags_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckpointId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Checkpoints_CheckpointId",
                        column: x => x.CheckpointId,
                        principalTable: "Checkpoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Evaluations_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EvaluationId = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Structure = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationValues_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Artifacts_RunId",
                table: "Artifacts",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_RunId_Path",
                table: "Checkpoints",
                columns: new[] { "RunId", "Path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationValues_EvaluationId_Metric",
                table: "EvaluationValues",
                columns: new[] { "EvaluationId", "Metric" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_CheckpointId",
                table: "Evaluations",
                column: "CheckpointId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_RunId",
                table: "Evaluations",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_Name",
                table: "Experiments",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MetricPoints_RunId_Key_Step",
                table: "MetricPoints",
                columns: new[] { "RunId", "Key", "Step" });

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

            migrationBuilder.CreateIndex(
                name: "IX_RunParameters_Key_Number",
                table: "RunParameters",
                columns: new[] { "Key", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_RunParameters_Key_Text",
                table: "RunParameters",
                columns: new[] { "Key", "Text" });

            migrationBuilder.CreateIndex(
                name: "IX_RunTags_Key_Value",
                table: "RunTags",
                columns: new[] { "Key", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_CreatedAt",
                table: "Runs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_ExperimentId",
                table: "Runs",
                column: "ExperimentId");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_GroupKey",
                table: "Runs",
                column: "GroupKey");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_SourceKey",
                table: "Runs",
                column: "SourceKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Status",
                table: "Runs",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Artifacts");

            migrationBuilder.DropTable(
                name: "DatasetRefs");

            migrationBuilder.DropTable(
                name: "EvaluationValues");

            migrationBuilder.DropTable(
                name: "MetricPoints");

            migrationBuilder.DropTable(
                name: "MetricSummaries");

            migrationBuilder.DropTable(
                name: "Provenances");

            migrationBuilder.DropTable(
                name: "RunParameters");

            migrationBuilder.DropTable(
                name: "RunTags");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "Checkpoints");

            migrationBuilder.DropTable(
                name: "Runs");

            migrationBuilder.DropTable(
                name: "Experiments");
        }
    }
}
