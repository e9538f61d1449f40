namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// The shape of one volume in the contract's axis order (Y, X, Z): rows anterior to posterior, columns right to left,
/// slices towards the head. Arrays are C order, so Z varies fastest.
/// </summary>
/// <param name="Y">Rows.</param>
/// <param name="X">Columns.</param>
/// <param name="Z">Slices.</param>
public readonly record struct VolumeShape(int Y, int X, int Z)
{
    /// <summary>Number of voxels, Y·X·Z.</summary>
    public int VoxelCount => checked(Y * X * Z);

    /// <summary>Flat C-order index of voxel (y, x, z).</summary>
    public int IndexOf(int y, int x, int z) => (((y * X) + x) * Z) + z;

    /// <summary>The shape as the three axis lengths, in order.</summary>
    public int[] ToArray() => [Y, X, Z];

    /// <summary>
    /// Parses "Y,X,Z" (three positive whole numbers) or one number for a cube, as every shape option takes it.
    /// </summary>
    public static bool TryParse(string? text, out VolumeShape shape)
    {
        shape = default;
        if (!AxisValues.TryParse(text, out var values) || values.Any(v => v != Math.Floor(v) || v > int.MaxValue))
        {
            return false;
        }

        shape = new VolumeShape((int)values[0], (int)values[1], (int)values[2]);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Y}x{X}x{Z}";
}
