namespace VmatTracker.Data.Recording;

/// <summary>The data a run trains on and its split.</summary>
public sealed record DatasetInfo
{
    /// <summary>The data folder.</summary>
    public string? Path { get; init; }

    /// <summary>Content fingerprint.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Number of cases.</summary>
    public int? CaseCount { get; init; }

    /// <summary>Data version.</summary>
    public string? DataVersion { get; init; }

    /// <summary>Spacing summary.</summary>
    public string? SpacingSummary { get; init; }

    /// <summary>Training case IDs.</summary>
    public IReadOnlyList<string> TrainCaseIds { get; init; } = [];

    /// <summary>Validation case IDs.</summary>
    public IReadOnlyList<string> ValidationCaseIds { get; init; } = [];

    /// <summary>Test case IDs.</summary>
    public IReadOnlyList<string> TestCaseIds { get; init; } = [];
}
