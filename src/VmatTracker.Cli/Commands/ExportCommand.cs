using System.CommandLine;
using VmatTracker.Data.Export;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;

namespace VmatTracker.Cli.Commands;

/// <summary>
/// <c>vmat export RUN --out DIR</c> writes one run in the reference's layout; <c>vmat export --out DIR [--filter EXPR]</c>
/// writes runs.csv (the run table) and metrics.csv (the series, long format).
/// </summary>
public static class ExportCommand
{
    /// <summary>Builds the <c>export</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var run = new Argument<long?>("RUN") { Description = "The run to export as a folder (omit for the CSV tables).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write into.", Required = true };
        var filter = new Option<string?>("--filter") { Description = "Which runs go into the CSV tables (default: all)." };
        var db = CliStore.DbOption();
        var command = new Command("export", "Export a run in the reference's folder layout, or the run table and series as CSV.")
        {
            run, output, filter, db,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var exporter = new RunExporter(new RunQueries(await CliStore.OpenAsync(parsed.GetValue(db), cancellationToken)));
            var folder = parsed.GetValue(output)!.FullName;
            try
            {
                Directory.CreateDirectory(folder);
                if (parsed.GetValue(run) is { } runId)
                {
                    var written = await exporter.ExportRunFolderAsync(runId, folder, cancellationToken);
                    console.Out.WriteLine($"run {runId} written to {written}");
                    return 0;
                }

                await using (var runs = new StreamWriter(Path.Combine(folder, "runs.csv")))
                {
                    await exporter.WriteRunTableAsync(parsed.GetValue(filter), runs, cancellationToken);
                }

                await using (var metrics = new StreamWriter(Path.Combine(folder, "metrics.csv")))
                {
                    await exporter.WriteSeriesAsync(parsed.GetValue(filter), metrics, cancellationToken);
                }

                console.Out.WriteLine($"runs.csv and metrics.csv written to {folder}");
                return 0;
            }
            catch (Exception ex) when (ex is UnknownRunException or FilterSyntaxException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
