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

    /// <summary>Parses "Y,X,Z" (three positive mm) or one number for isotropic spacing.</summary>
    public static bool TryParse(string? text, out VoxelSpacing spacing)
    {
        var parsed = AxisValues.TryParse(text, out var values);
        spacing = parsed ? new VoxelSpacing(values[0], values[1], values[2]) : default;
        return parsed;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Y:0.###}x{X:0.###}x{Z:0.###} mm");
}
