namespace VmatTracker.Engine.DataLoading;

/// <summary>Voxel size in millimetres along (Y, X, Z).</summary>
/// <param name="Y">Row spacing in mm.</param>
/// <param name="X">Column spacing in mm.</param>
/// <param name="Z">Slice spacing in mm.</param>
public readonly record struct VoxelSpacing(double Y, double X, double Z)
{
    /// <summary>The reference pipeline's fallback when metadata holds no spacing: (1, 1, 2) mm.</summary>
    public static VoxelSpacing ReferenceDefault { get; } = new(1.0, 1.0, 2.0);

    /// <summary>Volume of one voxel in cubic centimetres.</summary>
    public double VoxelVolumeCc => Y * X * Z / 1000.0;

    /// <summary>The spacing as three values, in axis order.</summary>
    public double[] ToArray() => [Y, X, Z];

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Y:0.###}x{X:0.###}x{Z:0.###} mm");
}
