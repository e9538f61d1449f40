namespace VmatTracker.Engine.OpenKbp;

/// <summary>
/// The content of one OpenKBP sparse CSV: flat OpenKBP indices (in file order) and their values. A mask file's empty
/// values are held as 1.0.
/// </summary>
/// <param name="Indices">Flat indices into the 128³ volume, C order over OpenKBP's x, y, z.</param>
/// <param name="Values">The value of each index (1 for mask files).</param>
public sealed record SparseVolume(int[] Indices, double[] Values)
{
    /// <summary>Scatters the values into a dense volume in contract (Y, X, Z) order; unlisted voxels are 0.</summary>
    public double[] ToContractDoubles()
    {
        var dense = new double[OpenKbpFormat.VoxelCount];
        for (var i = 0; i < Indices.Length; i++)
        {
            dense[OpenKbpFormat.ToContractIndex(Indices[i])] = Values[i];
        }

        return dense;
    }

    /// <summary>A dense {0, 1} mask in contract order: 1 at every listed index.</summary>
    public byte[] ToContractMask()
    {
        var dense = new byte[OpenKbpFormat.VoxelCount];
        foreach (var index in Indices)
        {
            dense[OpenKbpFormat.ToContractIndex(index)] = 1;
        }

        return dense;
    }
}
