namespace VmatTracker.Runs.Presets;

/// <summary>How big a run is: model width, patch, epochs, early stopping, batch and patches per case.</summary>
/// <param name="Key">Stable identifier (smoke, demo, full; recorded as the run's "size" tag).</param>
/// <param name="DisplayName">What a person reads.</param>
/// <param name="BaseChannels">Width of the first U-Net level.</param>
/// <param name="PatchSize">Cubic patch edge in voxels.</param>
/// <param name="Epochs">Maximum epochs.</param>
/// <param name="Patience">Early-stopping patience in epochs.</param>
/// <param name="BatchSize">Patches per step (a recipe with its own batch size overrides it).</param>
/// <param name="PatchesPerVolume">Patches drawn from each training case per epoch.</param>
/// <param name="Description">What it is for and what it costs.</param>
public sealed record SizeProfile(string Key, string DisplayName, int BaseChannels, int PatchSize, int Epochs, int Patience, int BatchSize,
    int PatchesPerVolume, string Description)
{
    /// <summary>Proves the whole path works; the numbers mean nothing. Minutes on small cases (docs/training.md has
    /// the measured cost on the 64×64×48 phantoms, where the whole-volume validation dominates).</summary>
    public static SizeProfile Smoke { get; } = new("smoke", "Smoke", 16, 32, 2, 2, 2, 1,
        "base 16, patch 32, 2 epochs: checks the pipeline, not the losses; a few minutes on small cases, longer on 64x64x48 phantoms");

    /// <summary>About an hour for the four runs on a 2-core CPU with 24 phantom cases (docs/training.md has the
    /// measured epoch times this is planned from).</summary>
    public static SizeProfile Demo { get; } = new("demo", "CPU quick", 16, 48, 6, 6, 2, 2,
        "base 16, patch 48, 6 epochs, 2 patches per case: about an hour for the four runs on a 2-core CPU with 24 phantom cases");

    /// <summary>The seed record's settings, for a GPU machine.</summary>
    public static SizeProfile Full { get; } = new("full", "Reference", 48, 128, 100, 50, 2, 4,
        "the seed's settings: base 48, patch 128, 100 epochs, patience 50, batch 2 (1 for structure-weighted); hours per run on a GPU");

    /// <summary>Every profile, smallest first.</summary>
    public static IReadOnlyList<SizeProfile> All { get; } = [Smoke, Demo, Full];

    /// <summary>The profile named <paramref name="key"/> (its key or display name, any case), or null.</summary>
    public static SizeProfile? Find(string? key) => All.FirstOrDefault(p =>
        string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase) || string.Equals(p.DisplayName, key, StringComparison.OrdinalIgnoreCase));
}
