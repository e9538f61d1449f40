namespace VmatTracker.Engine.DataLoading;

/// <summary>What validation found for one case file.</summary>
public sealed record CaseReport
{
    /// <summary>The case ID (file stem).</summary>
    public required string CaseId { get; init; }

    /// <summary>Full path of the file.</summary>
    public required string FilePath { get; init; }

    /// <summary>File size in bytes.</summary>
    public long FileBytes { get; init; }

    /// <summary>Problems that make the case unusable; each names the file and the key or field.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Things worth knowing that do not stop training (e.g. a v2.4 absent structure with SDF 0).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Volume shape, when the file could be read.</summary>
    public VolumeShape? Shape { get; init; }

    /// <summary>Voxel spacing, when the file could be read.</summary>
    public VoxelSpacing? Spacing { get; init; }

    /// <summary>The case's treatment site, when the file could be read.</summary>
    public string? Site { get; init; }

    /// <summary>Number of structure channels, when the file could be read.</summary>
    public int? ChannelCount { get; init; }

    /// <summary>Structures whose mask is empty.</summary>
    public IReadOnlyList<string> AbsentStructures { get; init; } = [];

    /// <summary>True when there are no problems.</summary>
    public bool IsValid => Problems.Count == 0;
}
