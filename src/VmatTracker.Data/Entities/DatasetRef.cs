namespace VmatTracker.Data.Entities;

/// <summary>The data a run trained on, and its split. One per run.</summary>
public class DatasetRef
{
    /// <summary>The run (also the key).</summary>
    public long RunId { get; set; }

    /// <summary>The data folder.</summary>
    public string? Path { get; set; }

    /// <summary>Content fingerprint of the cases (DatasetCatalog's).</summary>
    public string? Fingerprint { get; set; }

    /// <summary>Number of cases.</summary>
    public int? CaseCount { get; set; }

    /// <summary>Preprocessing/data version, e.g. <c>2.3.0</c>.</summary>
    public string? DataVersion { get; set; }

    /// <summary>A short description of the voxel spacings.</summary>
    public string? SpacingSummary { get; set; }

    /// <summary>Training case IDs.</summary>
    public List<string> TrainCaseIds { get; set; } = [];

    /// <summary>Validation case IDs.</summary>
    public List<string> ValidationCaseIds { get; set; } = [];

    /// <summary>Test case IDs.</summary>
    public List<string> TestCaseIds { get; set; } = [];
}
