using System.CommandLine;
using VmatTracker.Data.Import;
using VmatTracker.Data.Recording;

namespace VmatTracker.Cli.Commands;

/// <summary><c>vmat import DIR</c>: the reference's run folders into the store.</summary>
public static class ImportCommand
{
    /// <summary>Builds the <c>import</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var folder = CliOptions.ExistingFolder("DIR", "A project root holding runs/ and predictions/, a runs/ folder, or one run folder.");
        var db = CliStore.DbOption();
        var command = new Command("import", "Import the reference pipeline's run folders (importing twice does not duplicate).")
        {
            folder, db,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var contexts = await CliStore.OpenAsync(parsed.GetValue(db), cancellationToken);
            var importer = new RunImporter(new RunRecorder(contexts, new SilentRunEvents(), TimeProvider.System));
            var report = await importer.ImportAsync(parsed.GetValue(folder)!.FullName, cancellationToken);
            foreach (var (run, id) in report.Imported)
            {
                console.Out.WriteLine($"imported {run} as run {id}");
            }

            foreach (var (run, reason) in report.Skipped)
            {
                console.Out.WriteLine($"skipped {run}: {reason}");
            }

            foreach (var problem in report.Problems)
            {
                console.Error.WriteLine($"warning: {problem}");
            }

            console.Out.WriteLine($"{report.Imported.Count} imported, {report.Skipped.Count} skipped, {report.Problems.Count} problems");
            return 0;
        });
        return command;
    }
}
