namespace VmatTracker.Engine.DataLoading;

/// <summary>What <see cref="CaseFile.ReadMetadataOnly"/> learns from a case file without reading its voxels.</summary>
public sealed record CaseFileSummary
{
    /// <summary>The case ID: the file stem.</summary>
    public required string CaseId { get; init; }

    /// <summary>The file read.</summary>
    public required string FilePath { get; init; }

    /// <summary>The (Y, X, Z) shape of the volumes.</summary>
    public required VolumeShape Shape { get; init; }

    /// <summary>Number of structure channels.</summary>
    public required int ChannelCount { get; init; }

    /// <summary>Length of the constraints vector.</summary>
    public required int ConstraintCount { get; init; }

    /// <summary>The metadata, with spacing and site resolved.</summary>
    public required CaseMetadata Metadata { get; init; }

    /// <summary>Every array member of the file (without .npy), including ones the product ignores.</summary>
    public required IReadOnlyList<string> Members { get; init; }
}
