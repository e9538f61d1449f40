namespace VmatTracker.Data.Entities;

/// <summary>A key/value label on a run, e.g. <c>site = prostate</c>.</summary>
public class RunTag
{
    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>Label name.</summary>
    public required string Key { get; set; }

    /// <summary>Label value (empty for a bare label).</summary>
    public required string Value { get; set; }
}
