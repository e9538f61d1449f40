using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Cli.Commands;

/// <summary><c>vmat data validate DIR</c>, <c>vmat data split DIR</c> and <c>vmat data import-openkbp SRC</c>.</summary>
public static class DataCommands
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Builds the <c>data</c> command group.</summary>
    public static Command Create(CliConsole console)
    {
        var data = new Command("data", "Inspect a folder of NPZ cases: validate it, show its split.");
        data.Subcommands.Add(CreateValidate(console));
        data.Subcommands.Add(CreateSplit(console));
        data.Subcommands.Add(OpenKbpImportCommand.Create(console));
        return data;
    }

    private static Command CreateValidate(CliConsole console)
    {
        var folder = CliOptions.ExistingFolder("DIR", "The data folder (every *.npz directly inside it is a case).");
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };
        var command = new Command("validate", "Check every case against the data contract; exit 1 if any is invalid.")
        {
            folder, json,
        };
        command.SetAction(parsed =>
        {
            var report = DatasetCatalog.Scan(parsed.GetValue(folder)!.FullName);
            if (parsed.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(ValidationJson(report), s_json));
            }
            else
            {
                DatasetReportTable.Write(report, console.Out);
            }

            foreach (var problem in report.FolderProblems.Concat(report.Cases.SelectMany(c => c.Problems)))
            {
                console.Error.WriteLine($"error: {problem}");
            }

            return report.IsValid ? 0 : 1;
        });
        return command;
    }

    private static Command CreateSplit(CliConsole console)
    {
        var folder = CliOptions.ExistingFolder("DIR", "The data folder.");
        var seed = new Option<int>("--seed") { Description = "The split seed (numpy RandomState).", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print {\"train\":[...],\"val\":[...],\"test\":[...]}." };
        var lockFile = new Option<FileInfo?>("--split-file")
        {
            Description = "Use a locked split from this JSON file (same shape as --json prints) instead of the seed.",
        };
        var command = new Command("split", "Show the train/val/test split the trainer will use (the reference's numpy split).")
        {
            folder, seed, json, lockFile,
        };
        command.SetAction(parsed =>
        {
            var caseIds = DatasetCatalog.ListCaseFiles(parsed.GetValue(folder)!.FullName)
                .Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
            DataSplit split;
            try
            {
                split = parsed.GetValue(lockFile) is { } file
                    ? DataSplit.FromLockFile(file.FullName, caseIds)
                    : DataSplit.FromSeed(caseIds, parsed.GetValue(seed));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }

            if (parsed.GetValue(json))
            {
                console.Out.WriteLine(split.ToJson());
                return 0;
            }

            foreach (var (name, ids) in new[] { ("train", split.Train), ("val", split.Validation), ("test", split.Test) })
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-5} {ids.Count,3}  {string.Join(' ', ids)}"));
            }

            return 0;
        });
        return command;
    }

    private static object ValidationJson(DatasetReport report) => new
    {
        folder = report.Folder,
        fingerprint = report.Fingerprint,
        valid = report.IsValid,
        folderProblems = report.FolderProblems,
        cases = report.Cases.Select(c => new
        {
            caseId = c.CaseId,
            valid = c.IsValid,
            shape = c.Shape?.ToArray(),
            spacingMm = c.Spacing?.ToArray(),
            site = c.Site,
            channels = c.ChannelCount,
            absent = c.AbsentStructures,
            problems = c.Problems,
            warnings = c.Warnings,
        }),
    };
}
