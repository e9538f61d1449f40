using System.Linq.Expressions;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Queries;

/// <summary>
/// Sorting runs by any field: a column, a parameter, a tag or a metric aggregate. <c>-field</c> or <c>field desc</c>
/// sorts descending. Runs without the value come last either way; ties fall back to the run ID, so pages are stable.
/// </summary>
public static class RunSort
{
    /// <summary>Applies <paramref name="sort"/> (default: newest first) to <paramref name="runs"/>.</summary>
    /// <exception cref="FilterSyntaxException">The sort key is not a field.</exception>
    public static IOrderedQueryable<Run> Apply(IQueryable<Run> runs, string? sort)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (Parse(sort) is not var (field, descending))
        {
            return runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        }

        var key = field.Name;
        var ordered = field.Kind switch
        {
            RunFieldKind.Parameter => ThenById(By(By(runs, r => r.Parameters.Where(p => p.Key == key).Select(p => p.Number).FirstOrDefault(), descending),
                r => r.Parameters.Where(p => p.Key == key).Select(p => p.Text).FirstOrDefault(), descending, first: false), descending),
            RunFieldKind.Tag => ThenById(By(runs, r => r.Tags.Where(t => t.Key == key).Select(t => t.Value).FirstOrDefault(), descending), descending),
            RunFieldKind.Metric => ThenById(By(runs, field.Aggregate switch
            {
                "min" => r => r.MetricSummaries.Where(s => s.Key == key).Select(s => s.Min).FirstOrDefault(),
                "max" => r => r.MetricSummaries.Where(s => s.Key == key).Select(s => s.Max).FirstOrDefault(),
                _ => (Expression<Func<Run, double?>>)(r => r.MetricSummaries.Where(s => s.Key == key).Select(s => s.Last).FirstOrDefault()),
            }, descending), descending),
            _ => Column(runs, field.Name, descending),
        };
        return ordered;
    }

    /// <summary>The field and direction <paramref name="sort"/> names, or null for the default order.</summary>
    /// <exception cref="FilterSyntaxException">The sort key is not a field.</exception>
    public static (RunField Field, bool Descending)? Parse(string? sort)
    {
        if (string.IsNullOrWhiteSpace(sort))
        {
            return null;
        }

        var text = sort.Trim();
        var descending = false;
        if (text.StartsWith('-'))
        {
            descending = true;
            text = text[1..];
        }
        else if (text.EndsWith(" desc", StringComparison.OrdinalIgnoreCase))
        {
            descending = true;
            text = text[..^5];
        }
        else if (text.EndsWith(" asc", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4];
        }

        return (FilterParser.ParseField(text.Trim()), descending);
    }

    private static IOrderedQueryable<Run> Column(IQueryable<Run> runs, string name, bool descending) => name switch
    {
        "id" => descending ? runs.OrderByDescending(r => r.Id) : runs.OrderBy(r => r.Id),
        "name" => ThenById(By(runs, r => r.Name, descending), descending),
        "experiment" => ThenById(By(runs, r => r.Experiment!.Name, descending), descending),
        "status" => ThenById(By(runs, r => r.Status, descending), descending),
        "created" => ThenById(By(runs, r => r.CreatedAt, descending), descending),
        "started" => ThenById(By(runs, r => r.StartedAt, descending), descending),
        "ended" => ThenById(By(runs, r => r.EndedAt, descending), descending),
        "heartbeat" => ThenById(By(runs, r => r.LastHeartbeatAt, descending), descending),
        "duration" => ThenById(By(runs, r => r.DurationSeconds, descending), descending),
        "starred" => ThenById(By(runs, r => r.Starred, descending), descending),
        "group" => ThenById(By(runs, r => r.GroupKey, descending), descending),
        _ => ThenById(By(runs, r => r.Notes, descending), descending),
    };

    private static IOrderedQueryable<Run> ThenById(IOrderedQueryable<Run> runs, bool descending) =>
        descending ? runs.ThenByDescending(r => r.Id) : runs.ThenBy(r => r.Id);

    // Orders by "has no value" first (false before true), then by the value, so missing values sort last.
    private static IOrderedQueryable<Run> By<TKey>(IQueryable<Run> runs, Expression<Func<Run, TKey>> key, bool descending,
        bool first = true)
    {
        var ordered = first ? null : runs as IOrderedQueryable<Run>;
        if (default(TKey) is null)
        {
            var missing = Expression.Lambda<Func<Run, bool>>(
                Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey))), key.Parameters);
            ordered = ordered is null ? runs.OrderBy(missing) : ordered.ThenBy(missing);
        }

        if (ordered is null)
        {
            return descending ? runs.OrderByDescending(key) : runs.OrderBy(key);
        }

        return descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
    }
}
