using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Phantoms;

/// <summary>Grid and channel layout of generated phantoms.</summary>
public sealed record PhantomOptions
{
    /// <summary>The field of view the anatomy's millimetre sizes are defined for: 256 × 256 × 192 mm (Y, X, Z).</summary>
    public static VoxelSpacing ReferenceFieldOfViewMm { get; } = new(256.0, 256.0, 192.0);

    /// <summary>Volume shape (Y, X, Z); default 64 × 64 × 48.</summary>
    public VolumeShape Shape { get; init; } = new(64, 64, 48);

    /// <summary>Voxel spacing in mm; default 4 mm isotropic.</summary>
    public VoxelSpacing Spacing { get; init; } = new(4.0, 4.0, 4.0);

    /// <summary>The dataset seed: case i of a dataset is generated from (Seed, i), whatever the dataset size.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Structure channels: 8 (the v2.3 layout PTV70 … Bowel) or 9 (adds PTV50.4, generated as an absent structure:
    /// empty mask, SDF +1.0, listed in absent_structures).
    /// </summary>
    public int ChannelCount { get; init; } = 8;

    /// <summary>Throws when the options cannot produce a valid case.</summary>
    public void Validate()
    {
        if (Shape.Y < 8 || Shape.X < 8 || Shape.Z < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(Shape), Shape, "Each axis needs at least 8 voxels.");
        }

        if (!(Spacing.Y > 0 && Spacing.X > 0 && Spacing.Z > 0) || !double.IsFinite(Spacing.Y + Spacing.X + Spacing.Z))
        {
            throw new ArgumentOutOfRangeException(nameof(Spacing), Spacing, "Spacing must be positive and finite.");
        }

        if (ChannelCount is not (8 or 9))
        {
            throw new ArgumentOutOfRangeException(nameof(ChannelCount), ChannelCount, "Channel count must be 8 or 9.");
        }
    }
}
