namespace VmatTracker.Engine.DataLoading;

/// <summary>Where a case's spacing came from, in the reference's order of preference.</summary>
public enum SpacingSource
{
    /// <summary>metadata['voxel_spacing_mm'] (v2.3 and later, and our files).</summary>
    VoxelSpacingMm,

    /// <summary>metadata['target_spacing_mm'] (v2.2).</summary>
    TargetSpacingMm,

    /// <summary>Neither key: the reference default of (1, 1, 2) mm.</summary>
    ReferenceDefault,
}
