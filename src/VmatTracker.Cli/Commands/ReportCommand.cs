using System.CommandLine;
using System.Globalization;
using VmatTracker.Data.Queries;
using VmatTracker.Reports;

namespace VmatTracker.Cli.Commands;

/// <summary>
/// <c>vmat report --runs A,B,C,D [--out DIR] [--baseline A] [--db PATH]</c>: a Markdown report of stored runs in the
/// shape of the seed experiment record, with PNG figures and paired statistics against the baseline.
/// </summary>
public static class ReportCommand
{
    /// <summary>Builds the <c>report</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var runs = new Option<string>("--runs") { Description = "Run IDs, comma-separated, e.g. 1,2,3,4.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write report.md and figures/ into (default: ./report)." };
        var baseline = new Option<long?>("--baseline") { Description = "The baseline run (default: the run tagged baseline, else the first of --runs)." };
        var db = CliStore.DbOption();
        var command = new Command("report", "Write a Markdown report of stored runs: key results, reproducibility, per-case tables, statistics and figures.")
        {
            runs, output, baseline, db,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!TryParseIds(parsed.GetValue(runs) ?? string.Empty, out var ids, out var problem))
            {
                console.Error.WriteLine($"error: --runs: {problem}");
                return 1;
            }

            var folder = parsed.GetValue(output)?.FullName ?? Path.GetFullPath("report");
            try
            {
                var queries = new RunQueries(await CliStore.OpenAsync(parsed.GetValue(db), cancellationToken));
                var report = await new ReportBuilder(queries, TimeProvider.System).BuildAsync(ids, parsed.GetValue(baseline), cancellationToken);
                var (path, figures) = await ReportWriter.WriteAsync(report, folder, cancellationToken);
                console.Out.WriteLine($"report written to {path}");
                foreach (var figure in figures)
                {
                    console.Out.WriteLine(figure.Written ? $"  figures/{figure.FileName}" : $"  {figure.FileName}: not drawn ({figure.Missing})");
                }

                return 0;
            }
            catch (Exception ex) when (ex is ReportException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Parses "1,2, 3" into run IDs; says which item is wrong otherwise.</summary>
    internal static bool TryParseIds(string text, out List<long> ids, out string problem)
    {
        ids = [];
        problem = string.Empty;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                problem = $"'{part}' is not a run ID (expected positive whole numbers separated by commas, e.g. 1,2,3,4)";
                return false;
            }

            ids.Add(id);
        }

        return true;
    }
}
