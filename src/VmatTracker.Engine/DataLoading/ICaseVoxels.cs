namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// A case as the patch sampler reads it: its shape, constraints and structure presence, plus rows of voxels on
/// demand. A <see cref="CaseVolume"/> in RAM is one; an open memory-mapped case cache file (<see cref="MappedCase"/>)
/// is another, so a training patch can be cut without copying the whole case out of the mapping first.
/// </summary>
public interface ICaseVoxels
{
    /// <summary>The case ID: the file stem, e.g. case_0007.</summary>
    string CaseId { get; }

    /// <summary>Shape of every volume.</summary>
    VolumeShape Shape { get; }

    /// <summary>Number of structure channels C.</summary>
    int ChannelCount { get; }

    /// <summary>The conditioning vector.</summary>
    float[] Constraints { get; }

    /// <summary>The small per-case summary the sampler needs (structure presence, high-dose rows), built once.</summary>
    CaseSampling Sampling { get; }

    /// <summary>True when the mask of <paramref name="channel"/> has at least one voxel.</summary>
    bool IsStructurePresent(int channel);

    /// <summary>
    /// Copies voxels (<paramref name="y"/>, <paramref name="x"/>, <paramref name="z"/> … z + target.Length − 1) of
    /// <paramref name="array"/> (structure <paramref name="channel"/> for <see cref="CaseArray.Sdf"/>, else 0) into
    /// <paramref name="target"/>. The caller keeps the row inside the volume.
    /// </summary>
    void CopyRow(CaseArray array, int channel, int y, int x, int z, Span<float> target);
}

/// <summary>The float volumes of a case a patch is cut from.</summary>
public enum CaseArray
{
    /// <summary>Normalised CT, one volume.</summary>
    Ct,

    /// <summary>Normalised dose, one volume.</summary>
    Dose,

    /// <summary>Signed distance fields, one volume per structure channel.</summary>
    Sdf,
}
