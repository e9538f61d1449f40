using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Queries;

/// <summary>
/// The tables a filter reads run IDs from when it is translated as set membership (see
/// <see cref="RunFilterTranslator.Translate(FilterNode, RunFilterSets?)"/>).
/// </summary>
/// <param name="Parameters">The flattened parameters.</param>
/// <param name="Tags">The tags.</param>
/// <param name="Summaries">The per-key metric summaries.</param>
public sealed record RunFilterSets(IQueryable<RunParameter> Parameters, IQueryable<RunTag> Tags, IQueryable<MetricSummary> Summaries)
{
    /// <summary>The sets of one context.</summary>
    public static RunFilterSets Of(TrackerDbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(context.RunParameters, context.RunTags, context.MetricSummaries);
    }
}
