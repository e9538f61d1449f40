using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Queries;

/// <summary>
/// Reads the run IDs of one page of the run list and the number of runs the filter matches, with a plan whose cost
/// follows the page rather than the store:
/// <list type="bullet">
/// <item>The total is one COUNT over the filter as set membership: each condition on a parameter, tag or metric is
/// one range scan of its covering (Key, value, RunId) index, not one lookup per run and condition.</item>
/// <item>When the matches are dense and the sort has an index (newest first, created, id, status, a metric
/// aggregate), the page walks that index in order and tests each run it meets per run, stopping after the page:
/// about (skip + take) / density runs are looked at. Sparse matches are few, so they are tested as sets and sorted.</item>
/// <item>A metric sort joins the per-key summary table and orders by its (Key, value, RunId) index; runs without a
/// value follow in ID order (missing last, as everywhere), read only when the page reaches them.</item>
/// </list>
/// </summary>
internal static class RunPageReader
{
    // A per-run test costs a few index seeks, a set-membership test about one index entry per run and condition;
    // walking the sort index wins while it meets fewer than about a quarter of the store's runs.
    private const int PerRunCostFactor = 4;

    private static readonly string[] s_walkableColumns = ["created", "id", "status"];

    public static async Task<(List<long> Ids, int Total)> ReadAsync(TrackerDbContext context, RunListQuery query,
        CancellationToken cancellationToken, RunPagePlan plan = RunPagePlan.Auto)
    {
        // Parse both before touching the database, so syntax errors come first and cost nothing.
        var node = string.IsNullOrWhiteSpace(query.Filter) ? null : FilterParser.Parse(query.Filter);
        var sort = RunSort.Parse(query.Sort);
        var skip = Math.Max(0, query.Skip);
        var take = Math.Clamp(query.Take, 1, 10_000);

        var runs = context.Runs.AsNoTracking();
        var asSets = node is null ? runs : runs.Where(RunFilterTranslator.Translate(node, RunFilterSets.Of(context)));
        var total = await asSets.CountAsync(cancellationToken).ConfigureAwait(false);
        if (total <= skip)
        {
            return ([], total);
        }

        var walkable = sort is null || sort.Value.Field.Kind == RunFieldKind.Metric
            || (sort.Value.Field.Kind == RunFieldKind.Column && s_walkableColumns.Contains(sort.Value.Field.Name));
        var perRun = plan switch
        {
            RunPagePlan.PerRun => true,
            RunPagePlan.AsSets => false,
            _ => walkable && (long)(skip + take) * PerRunCostFactor < total,
        };
        var matches = node is not null && perRun ? runs.Where(RunFilterTranslator.Translate(node)) : asSets;
        var ids = sort is { Field.Kind: RunFieldKind.Metric } metric
            ? await MetricPageAsync(context, matches, metric.Field, metric.Descending, skip, take, cancellationToken).ConfigureAwait(false)
            : await RunSort.Apply(matches, query.Sort).Skip(skip).Take(take).Select(r => r.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (ids, total);
    }

    private static async Task<List<long>> MetricPageAsync(TrackerDbContext context, IQueryable<Run> matches, RunField field,
        bool descending, int skip, int take, CancellationToken cancellationToken)
    {
        var key = field.Name;
        var value = Aggregate(field.Aggregate);
        var hasValue = Expression.Lambda<Func<MetricSummary, bool>>(Expression.NotEqual(value.Body,
            Expression.Constant(null, typeof(double?))), value.Parameters);

        // Runs with a value, in (value, run) order: the order of the (Key, value, RunId) index.
        var withValue = context.MetricSummaries.AsNoTracking().Where(s => s.Key == key).Where(hasValue)
            .Join(matches, s => s.RunId, r => r.Id, (s, r) => s);
        var ordered = descending
            ? withValue.OrderByDescending(value).ThenByDescending(s => s.RunId)
            : withValue.OrderBy(value).ThenBy(s => s.RunId);
        var ids = await ordered.Skip(skip).Take(take).Select(s => s.RunId).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (ids.Count == take)
        {
            return ids;
        }

        // The page runs past the runs with a value: the rest are the runs without one, by ID in the same direction.
        var valued = ids.Count > 0 ? skip + ids.Count : await withValue.CountAsync(cancellationToken).ConfigureAwait(false);
        // As in RunFilterTranslator's per-run shape: a scalar subquery on the (RunId, Key) key, not NOT EXISTS.
        var run = Expression.Parameter(typeof(Run), "r");
        var one = Expression.Constant(1);
        var valuedRows = Expression.Call(typeof(Enumerable), nameof(Enumerable.Where), [typeof(MetricSummary)],
            Expression.Property(run, nameof(Run.MetricSummaries)),
            Expression.Lambda<Func<MetricSummary, bool>>(Expression.AndAlso(KeyIs(key, value.Parameters[0]), hasValue.Body), value.Parameters));
        var ones = Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [typeof(MetricSummary), typeof(int)], valuedRows,
            Expression.Lambda(one, value.Parameters));
        var hasNone = Expression.Lambda<Func<Run, bool>>(Expression.NotEqual(
            Expression.Call(typeof(Enumerable), nameof(Enumerable.FirstOrDefault), [typeof(int)], ones), one), run);
        var without = matches.Where(hasNone);
        var rest = await (descending ? without.OrderByDescending(r => r.Id) : without.OrderBy(r => r.Id))
            .Skip(Math.Max(0, skip - valued)).Take(take - ids.Count).Select(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        ids.AddRange(rest);
        return ids;
    }

    private static Expression<Func<MetricSummary, double?>> Aggregate(string? aggregate) => aggregate switch
    {
        "min" => s => s.Min,
        "max" => s => s.Max,
        _ => s => s.Last,
    };

    // s.Key == key with the key as a query parameter (a closure member), like the lambdas above.
    private static BinaryExpression KeyIs(string key, ParameterExpression summary)
    {
        Expression<Func<string>> parameter = () => key;
        return Expression.Equal(Expression.Property(summary, nameof(MetricSummary.Key)), parameter.Body);
    }
}

/// <summary>How <see cref="RunPageReader"/> tests the page's candidates; tests pin one to compare the two.</summary>
internal enum RunPagePlan
{
    /// <summary>Per run when the matches are dense and the sort has an index, else as sets.</summary>
    Auto,

    /// <summary>Always per run (correlated conditions).</summary>
    PerRun,

    /// <summary>Always as set membership.</summary>
    AsSets,
}
