namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// One case of the NPZ contract (docs/data-contract.md), held as flat C-order arrays. Volumes are (Y, X, Z); channel
/// stacks are (C, Y, X, Z). CT is normalised (clip(HU, -1000, 3000)/4000 + 0.5) and dose is divided by the site's
/// prescription (70 Gy for prostate). As an <see cref="ICaseVoxels"/> it remembers its <see cref="Sampling"/> summary
/// after the first patch, so its arrays must not be changed once patches have been cut from it.
/// </summary>
public sealed class CaseVolume : ICaseVoxels
{
    private CaseSampling? _sampling;

    /// <summary>The case ID: the file stem, e.g. case_0007.</summary>
    public required string CaseId { get; init; }

    /// <summary>Shape of every volume.</summary>
    public required VolumeShape Shape { get; init; }

    /// <summary>Normalised CT, Y·X·Z values.</summary>
    public required float[] Ct { get; init; }

    /// <summary>Dose divided by the prescription, Y·X·Z values.</summary>
    public required float[] Dose { get; init; }

    /// <summary>Binary structure masks {0, 1}, C·Y·X·Z values.</summary>
    public required byte[] Masks { get; init; }

    /// <summary>Signed distance fields in [-1, 1] (mm / 50, negative inside), C·Y·X·Z values.</summary>
    public required float[] Sdf { get; init; }

    /// <summary>Number of structure channels C (8 or 9 for prostate).</summary>
    public required int ChannelCount { get; init; }

    /// <summary>The conditioning vector (13 values for prostate).</summary>
    public required float[] Constraints { get; init; }

    /// <summary>The case's metadata, with spacing and site resolved.</summary>
    public required CaseMetadata Metadata { get; init; }

    /// <summary>Voxel spacing, resolved from the metadata.</summary>
    public VoxelSpacing Spacing => Metadata.Spacing;

    /// <summary>The mask of channel <paramref name="channel"/>.</summary>
    public ReadOnlySpan<byte> MaskChannel(int channel) => Masks.AsSpan(ChannelOffset(channel), Shape.VoxelCount);

    /// <summary>The signed distance field of channel <paramref name="channel"/>.</summary>
    public ReadOnlySpan<float> SdfChannel(int channel) => Sdf.AsSpan(ChannelOffset(channel), Shape.VoxelCount);

    /// <summary>True when the mask of <paramref name="channel"/> has at least one voxel.</summary>
    public bool IsStructurePresent(int channel) => MaskChannel(channel).IndexOfAnyExcept((byte)0) >= 0;

    /// <inheritdoc />
    public CaseSampling Sampling => LazyInitializer.EnsureInitialized(ref _sampling, () => CaseSampling.For(this));

    /// <inheritdoc />
    public void CopyRow(CaseArray array, int channel, int y, int x, int z, Span<float> target)
    {
        var start = Shape.IndexOf(y, x, z);
        var source = array switch
        {
            CaseArray.Ct => Ct.AsSpan(start, target.Length),
            CaseArray.Dose => Dose.AsSpan(start, target.Length),
            _ => Sdf.AsSpan(ChannelOffset(channel) + start, target.Length),
        };
        source.CopyTo(target);
    }

    private int ChannelOffset(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        return channel * Shape.VoxelCount;
    }
}
