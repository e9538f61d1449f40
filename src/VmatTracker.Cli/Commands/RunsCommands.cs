using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VmatTracker.Data.Queries;

namespace VmatTracker.Cli.Commands;

/// <summary><c>vmat runs list</c> and <c>vmat runs show ID</c>.</summary>
public static class RunsCommands
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Builds the <c>runs</c> command group.</summary>
    public static Command Create(CliConsole console)
    {
        var runs = new Command("runs", "List, filter and inspect the runs in the tracking store.");
        runs.Subcommands.Add(CreateList(console));
        runs.Subcommands.Add(CreateShow(console));
        return runs;
    }

    private static Command CreateList(CliConsole console)
    {
        var db = CliStore.DbOption();
        var filter = new Option<string?>("--filter")
        {
            Description = "Filter, e.g. 'params.seed = 42 and metrics.\"val/mae_gy\".min < 3' (docs/tracking-store.md).",
        };
        var sort = new Option<string?>("--sort")
        {
            Description = "Sort key, e.g. 'metrics.\"val/mae_gy\".min', '-created' or 'params.seed desc' (default: newest first).",
        };
        var limit = new Option<int>("--limit") { Description = "Runs per page.", DefaultValueFactory = _ => 50 };
        var skip = new Option<int>("--skip") { Description = "Runs to skip (paging)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of runs." };
        var command = new Command("list", "List runs.") { db, filter, sort, limit, skip, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            RunPage page;
            try
            {
                var contexts = await CliStore.OpenAsync(parsed.GetValue(db), cancellationToken);
                page = await new RunQueries(contexts).ListAsync(new RunListQuery
                {
                    Filter = parsed.GetValue(filter),
                    Sort = parsed.GetValue(sort),
                    Take = parsed.GetValue(limit),
                    Skip = parsed.GetValue(skip),
                }, cancellationToken);
            }
            catch (FilterSyntaxException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }

            if (parsed.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(page.Runs.Select(RunJson.Summary), s_json));
                return 0;
            }

            WriteTable(page, console.Out);
            return 0;
        });
        return command;
    }

    private static Command CreateShow(CliConsole console)
    {
        var db = CliStore.DbOption();
        var id = new Argument<long>("ID") { Description = "The run ID." };
        var json = new Option<bool>("--json") { Description = "Print the run as JSON." };
        var command = new Command("show", "Show one run: config, provenance, dataset, metrics, checkpoints, evaluations.")
        {
            id, db, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var contexts = await CliStore.OpenAsync(parsed.GetValue(db), cancellationToken);
            var detail = await new RunQueries(contexts).GetAsync(parsed.GetValue(id), cancellationToken);
            if (detail is null)
            {
                console.Error.WriteLine($"error: there is no run {parsed.GetValue(id)} in the store");
                return 1;
            }

            console.Out.WriteLine(parsed.GetValue(json)
                ? JsonSerializer.Serialize(RunJson.Detail(detail), s_json)
                : RunText.Detail(detail));
            return 0;
        });
        return command;
    }

    private static void WriteTable(RunPage page, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"ID",6}  {"STATUS",-11}  {"EXPERIMENT",-24}  {"NAME",-24}  {"CREATED (UTC)",-16}  METRICS (min)"));
        foreach (var run in page.Runs)
        {
            var metrics = string.Join("  ", run.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value.Min:0.####}")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.Id,6}  {run.Status.ToString().ToLowerInvariant(),-11}  {Clip(run.Experiment),-24}  {Clip(run.Name),-24}  {run.CreatedAt:yyyy-MM-dd HH:mm}  {metrics}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page.Runs.Count} of {page.TotalCount} runs"));
    }

    private static string Clip(string text) => text.Length <= 24 ? text : text[..23] + "…";
}
