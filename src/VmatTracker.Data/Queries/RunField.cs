namespace VmatTracker.Data.Queries;

/// <summary>
/// A field of a run that filters and sorts name: a column (<c>name</c>, <c>status</c>, <c>created</c>...),
/// <c>params.NAME</c>, <c>tags.NAME</c> or <c>metrics.NAME.min|max|last</c>.
/// </summary>
/// <param name="Kind">Which family.</param>
/// <param name="Name">The column, parameter, tag or metric name.</param>
/// <param name="Aggregate">For metrics: <c>min</c>, <c>max</c> or <c>last</c>.</param>
public sealed record RunField(RunFieldKind Kind, string Name, string? Aggregate = null)
{
    /// <summary>The run columns filters and sorts accept.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["id", "name", "experiment", "status", "created", "started", "ended", "heartbeat", "duration", "starred", "group", "notes"];

    /// <summary>The metric aggregates.</summary>
    public static readonly IReadOnlyList<string> Aggregates = ["min", "max", "last"];
}

/// <summary>Families of <see cref="RunField"/>.</summary>
public enum RunFieldKind
{
    /// <summary>A column of the run.</summary>
    Column,

    /// <summary>A flattened parameter.</summary>
    Parameter,

    /// <summary>A tag.</summary>
    Tag,

    /// <summary>A metric summary aggregate.</summary>
    Metric,
}
