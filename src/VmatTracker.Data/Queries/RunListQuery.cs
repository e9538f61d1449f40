namespace VmatTracker.Data.Queries;

/// <summary>A page of the run list.</summary>
public sealed record RunListQuery
{
    /// <summary>A filter in the run filter language; all runs when empty.</summary>
    public string? Filter { get; init; }

    /// <summary>A sort key (<c>-metrics."val/mae_gy".min</c>, <c>params.seed</c>, <c>created desc</c>); newest first when empty.</summary>
    public string? Sort { get; init; }

    /// <summary>Runs to skip.</summary>
    public int Skip { get; init; }

    /// <summary>Page size (default 50).</summary>
    public int Take { get; init; } = 50;
}
