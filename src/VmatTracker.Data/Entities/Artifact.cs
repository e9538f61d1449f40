namespace VmatTracker.Data.Entities;

/// <summary>A file a run produced (figure, prediction, report...).</summary>
public class Artifact
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>File path.</summary>
    public required string Path { get; set; }

    /// <summary>What it is, e.g. <c>figure</c>, <c>prediction</c>, <c>environment</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>Size in bytes.</summary>
    public long? SizeBytes { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string? Sha256 { get; set; }
}
