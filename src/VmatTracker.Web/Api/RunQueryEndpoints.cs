using System.Globalization;
using VmatTracker.Data.Export;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Web.Components.Pages;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Api;

/// <summary>
/// The read side of the HTTP API: the run list (the filter language, any sort, paging), one run, its metrics as JSON
/// and as the reference's metrics.csv, and a comparison (the compare page's table). Built on Data's
/// <see cref="RunQueries"/> and <see cref="RunExporter"/> and the compare page's <see cref="ComparisonTable"/>, so the API
/// shows the numbers the dashboard shows.
/// </summary>
internal static class RunQueryEndpoints
{
    /// <summary>The largest page <c>GET /api/runs</c> returns.</summary>
    public const int MaxTake = 1000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/runs", ListAsync);
        endpoints.MapGet("/api/runs/{id:long}", async (long id, RunQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, ct) is { } detail ? Results.Ok(RunView.Of(detail)) : ApiProblems.UnknownRun(id));
        endpoints.MapGet("/api/runs/{id:long}/metrics", async (long id, string? keys, RunQueries queries, CancellationToken ct) =>
        {
            if (await queries.GetAsync(id, ct) is null)
            {
                return ApiProblems.UnknownRun(id);
            }

            var series = await queries.GetSeriesAsync(id, Keys(keys), ct);
            return Results.Ok(new RunMetricsView(id, [.. series.Select(s => new SeriesView(s.Key, s.Points))]));
        });
        endpoints.MapGet("/api/runs/{id:long}/metrics.csv", async (long id, RunExporter exporter, CancellationToken ct) =>
        {
            try
            {
                return Results.Text(await exporter.RunMetricsCsvAsync(id, ct), "text/csv; charset=utf-8");
            }
            catch (UnknownRunException)
            {
                return ApiProblems.UnknownRun(id);
            }
        });
        endpoints.MapGet("/api/compare", CompareAsync);
    }

    private static async Task<IResult> ListAsync(string? filter, string? sort, string? skip, string? take, RunQueries queries,
        CancellationToken ct)
    {
        var skipCount = 0;
        if (skip is not null && (!int.TryParse(skip, NumberStyles.None, CultureInfo.InvariantCulture, out skipCount)))
        {
            return ApiProblems.BadField("skip", $"'{skip}' is not a whole number >= 0");
        }

        var takeCount = 50;
        if (take is not null && (!int.TryParse(take, NumberStyles.None, CultureInfo.InvariantCulture, out takeCount)
                                 || takeCount is < 1 or > MaxTake))
        {
            return ApiProblems.BadField("take", $"'{take}' is not a whole number from 1 to {MaxTake}");
        }

        // Each parsed on its own first, so the answer names the one that is wrong.
        try
        {
            RunSort.Parse(sort);
        }
        catch (FilterSyntaxException e)
        {
            return ApiProblems.BadField("sort", e.Message);
        }

        try
        {
            var page = await queries.ListAsync(new RunListQuery { Filter = filter, Sort = sort, Skip = skipCount, Take = takeCount }, ct);
            return Results.Ok(new RunListView(page.TotalCount, skipCount, takeCount, page.Runs));
        }
        catch (FilterSyntaxException e)
        {
            return ApiProblems.BadField("filter", e.Message);
        }
    }

    private static async Task<IResult> CompareAsync(string? runs, string? baseline, string? keys, RunQueries queries, CancellationToken ct)
    {
        var (ids, bad) = Compare.ParseIds(runs);
        if (bad.Count > 0)
        {
            return ApiProblems.BadField("runs", $"not run IDs: {string.Join(", ", bad)}");
        }

        if (ids.Count == 0)
        {
            return ApiProblems.BadField("runs", "required: comma-separated run IDs, e.g. runs=1,2");
        }

        long? baselineId = null;
        if (!string.IsNullOrWhiteSpace(baseline))
        {
            if (!long.TryParse(baseline, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            {
                return ApiProblems.BadField("baseline", $"'{baseline}' is not a run ID");
            }

            if (!ids.Contains(b))
            {
                return ApiProblems.BadField("baseline", $"run {b} is not one of the runs compared");
            }

            baselineId = b;
        }

        var keyList = Keys(keys);
        var comparison = await queries.CompareAsync(ids, keyList ?? [], ct);
        var details = new List<RunDetail>();
        foreach (var run in comparison.Runs)
        {
            if (await queries.GetAsync(run.Id, ct) is { } detail)
            {
                details.Add(detail);
            }
        }

        var evaluations = details.Select(EvaluationView.Of).ToList();
        var table = new ComparisonTable([.. details.Select((d, i) => (d.Summary, evaluations[i]))]);
        var baselineRow = table.RowOf(baselineId);
        var columns = Enumerable.Range(0, table.Columns.Count).ToList();
        var rows = Enumerable.Range(0, table.Runs.Count).Select(r => new ComparisonRowView(table.Runs[r].Id, table.Runs[r].Name,
            table.Runs[r].Experiment, table.Methods[r],
            [.. columns.Select(c => table.Value(r, c))], [.. columns.Select(c => table.IsBest(r, c))],
            [.. columns.Select(c => table.Delta(r, c, baselineRow))], evaluations[r]?.Source)).ToList();
        var found = table.Runs.Select(r => r.Id).ToList();
        return Results.Ok(new ComparisonView(found, [.. ids.Where(id => !found.Contains(id))], baselineRow is null ? null : baselineId,
            table.MixedValidation,
            [.. table.Columns.Select(c => new ComparisonColumnView(c.Title, JsonNamingCamel(c.Better.ToString()), c.Source))], rows,
            keyList is null ? [] : comparison.Series));
    }

    private static List<string>? Keys(string? keys) => string.IsNullOrWhiteSpace(keys)
        ? null
        : [.. keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string JsonNamingCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
