using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Queries;

/// <summary>
/// Read-side queries over runs: a page of the list (filter, sort, paging), one run in full, and a comparison of
/// any set of runs. Pages read the summaries of their own runs only, and <see cref="RunPageReader"/> picks a plan
/// whose cost follows the page, not the store.
/// </summary>
public sealed class RunQueries(IDbContextFactory<TrackerDbContext> contexts)
{
    /// <summary>Reads one page of the run list.</summary>
    /// <exception cref="FilterSyntaxException">The filter or sort does not parse.</exception>
    public async Task<RunPage> ListAsync(RunListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var (ids, total) = await RunPageReader.ReadAsync(context, query, cancellationToken).ConfigureAwait(false);
            return new RunPage(await LoadItemsAsync(context, ids, cancellationToken).ConfigureAwait(false), total);
        }
    }

    /// <summary>Reads one run in full, or null when there is no such run.</summary>
    public async Task<RunDetail?> GetAsync(long runId, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await context.Runs.AsNoTracking().AsSplitQuery()
                .Include(r => r.Provenance).Include(r => r.Dataset).Include(r => r.Checkpoints)
                .Include(r => r.Evaluations).ThenInclude(e => e.Values).Include(r => r.Artifacts)
                .FirstOrDefaultAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false);
            if (run is null)
            {
                return null;
            }

            var item = (await LoadItemsAsync(context, [runId], cancellationToken).ConfigureAwait(false))[0];
            var checkpoints = run.Checkpoints.ToDictionary(c => c.Id);
            return new RunDetail(item, run.ConfigJson, run.Notes, run.FailureMessage, run.LastHeartbeatAt, run.SourceKey,
                run.Provenance?.ToRecord(), run.Dataset?.ToRecord(),
                [.. run.Checkpoints.OrderBy(c => c.Epoch).ThenBy(c => c.Path, StringComparer.Ordinal).Select(c => c.ToRecord())],
                [.. run.Evaluations.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Select(e => e.ToRecord(checkpoints))],
                [.. run.Artifacts.OrderBy(a => a.Path, StringComparer.Ordinal).Select(a => a.ToRecord())]);
        }
    }

    /// <summary>The series of one run (all keys, or the ones named), each in step order.</summary>
    public async Task<IReadOnlyList<MetricSeries>> GetSeriesAsync(long runId, IReadOnlyCollection<string>? keys,
        CancellationToken cancellationToken)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            return await ReadSeriesAsync(context, [runId], keys, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Compares runs: their summary rows in the order given (unknown IDs left out) and, for the metric keys named
    /// (all when null), their series to overlay.
    /// </summary>
    public async Task<RunComparison> CompareAsync(IReadOnlyList<long> runIds, IReadOnlyCollection<string>? keys,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var ids = runIds.Distinct().ToList();
            var items = await LoadItemsAsync(context, ids, cancellationToken).ConfigureAwait(false);
            var series = await ReadSeriesAsync(context, ids, keys, cancellationToken).ConfigureAwait(false);
            return new RunComparison(items, series);
        }
    }

    private static async Task<List<MetricSeries>> ReadSeriesAsync(TrackerDbContext context, List<long> runIds,
        IReadOnlyCollection<string>? keys, CancellationToken cancellationToken)
    {
        var points = context.MetricPoints.AsNoTracking().Where(p => runIds.Contains(p.RunId));
        if (keys is not null)
        {
            var keyList = keys.ToList();
            points = points.Where(p => keyList.Contains(p.Key));
        }

        var rows = await points.OrderBy(p => p.RunId).ThenBy(p => p.Key).ThenBy(p => p.Step).ThenBy(p => p.Id)
            .Select(p => new { p.RunId, p.Key, Point = new SeriesPoint(p.Step, p.Epoch, p.Value, p.NonFinite, p.WallTime, p.Context) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var order = runIds.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return [.. rows.GroupBy(r => (r.RunId, r.Key))
            .OrderBy(g => order[g.Key.RunId]).ThenBy(g => g.Key.Key, StringComparer.Ordinal)
            .Select(g => new MetricSeries(g.Key.RunId, g.Key.Key, [.. g.Select(r => r.Point)]))];
    }

    // Four small queries keyed by the page's IDs instead of one wide join: each reads only the page's rows.
    private static async Task<List<RunListItem>> LoadItemsAsync(TrackerDbContext context, List<long> ids,
        CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var runs = await context.Runs.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { Run = r, Experiment = r.Experiment!.Name })
            .ToDictionaryAsync(r => r.Run.Id, cancellationToken).ConfigureAwait(false);
        var parameters = (await context.RunParameters.AsNoTracking().Where(p => ids.Contains(p.RunId))
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(p => p.RunId);
        var tags = (await context.RunTags.AsNoTracking().Where(t => ids.Contains(t.RunId))
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(t => t.RunId);
        var summaries = (await context.MetricSummaries.AsNoTracking().Where(s => ids.Contains(s.RunId))
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(s => s.RunId);

        var items = new List<RunListItem>(ids.Count);
        foreach (var id in ids)
        {
            if (!runs.TryGetValue(id, out var row))
            {
                continue;
            }

            var run = row.Run;
            items.Add(new RunListItem(run.Id, row.Experiment, run.Name, run.Status, run.CreatedAt, run.StartedAt, run.EndedAt,
                run.DurationSeconds, run.Starred, run.GroupKey,
                parameters[id].OrderBy(p => p.Key, StringComparer.Ordinal)
                    .ToDictionary(p => p.Key, ParameterValue, StringComparer.Ordinal),
                tags[id].OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
                summaries[id].OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key,
                    s => new MetricSummaryView(s.Min, s.MinEpoch, s.Max, s.MaxEpoch, s.Last, s.LastStep, s.Count, s.NonFiniteCount),
                    StringComparer.Ordinal)));
        }

        return items;
    }

    /// <summary>A parameter as the value it was given: a boolean, a number (whole numbers as long) or text.</summary>
    internal static object? ParameterValue(RunParameter parameter)
    {
        if (parameter.Text is "true" or "false" && parameter.Number is 1 or 0)
        {
            return parameter.Text == "true";
        }

        if (parameter.Number is { } number && parameter.Text is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !text.StartsWith('"'))
        {
            return number == Math.Floor(number) && Math.Abs(number) < 1e15 && !text.Contains('.', StringComparison.Ordinal)
                ? (object)(long)number
                : number;
        }

        return parameter.Text;
    }
}
