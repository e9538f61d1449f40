using Microsoft.EntityFrameworkCore;

namespace VmatTracker.Data.Queries;

/// <summary>
/// The names the run list can show as columns: every metric key with a summary and every parameter key, across
/// all runs (distinct values read through the key indexes, so the cost follows the number of names).
/// </summary>
public sealed class RunKeyQueries(IDbContextFactory<TrackerDbContext> contexts)
{
    /// <summary>Metric keys and parameter keys, each sorted ordinally.</summary>
    public async Task<RunKeys> ListAsync(CancellationToken cancellationToken)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var metrics = await context.MetricSummaries.AsNoTracking().Select(s => s.Key).Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var parameters = await context.RunParameters.AsNoTracking().Select(p => p.Key).Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            metrics.Sort(StringComparer.Ordinal);
            parameters.Sort(StringComparer.Ordinal);
            return new RunKeys(metrics, parameters);
        }
    }
}
