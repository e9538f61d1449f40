using System.Collections.Concurrent;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// What the patch sampler needs to know about a case beyond the voxels of one patch, kept in RAM per case so a patch
/// read from the memory-mapped cache costs in proportion to the patch, not the case: which structures are present
/// (from the masks, read once) and, per patch shape, where the high-dose centre candidates are (from the dose, read
/// once). Both are a few hundred kilobytes at most for a 300×300×160 case, against ~0.75 GB for its voxels.
/// </summary>
public sealed class CaseSampling
{
    private readonly ICaseVoxels _voxels;
    private readonly ConcurrentDictionary<VolumeShape, HighDoseRows> _highDose = new();

    private CaseSampling(ICaseVoxels voxels, bool[] present)
    {
        _voxels = voxels;
        Present = present;
    }

    /// <summary>Whether the case has each structure channel (its mask is not empty). Do not modify.</summary>
    public IReadOnlyList<bool> Present { get; }

    /// <summary>The summary of <paramref name="voxels"/>: the masks are scanned now, the dose when a patch shape is first asked for.</summary>
    public static CaseSampling For(ICaseVoxels voxels)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        var present = new bool[voxels.ChannelCount];
        for (var c = 0; c < present.Length; c++)
        {
            present[c] = voxels.IsStructurePresent(c);
        }

        return new CaseSampling(voxels, present);
    }

    /// <summary>The high-dose centre candidates for patches of <paramref name="patch"/> (built on first use).</summary>
    public HighDoseRows HighDose(VolumeShape patch) => _highDose.GetOrAdd(patch, p => HighDoseRows.Build(_voxels, p));
}

/// <summary>
/// The voxels with dose above <see cref="PatchSampler.HighDoseThreshold"/> inside a patch shape's valid centre range,
/// stored as a running count per (y, x) row of that range in C order rather than as a list of voxels (which could be
/// millions of entries per case). The k-th candidate in C order is found by a binary search over the rows and a scan of
/// one dose row, so the sampler picks exactly the voxel a full scan would.
/// </summary>
public sealed class HighDoseRows
{
    private readonly ICaseVoxels _voxels;
    private readonly (int Low, int High) _ys;
    private readonly (int Low, int High) _xs;
    private readonly (int Low, int High) _zs;
    private readonly int[] _before;

    private HighDoseRows(ICaseVoxels voxels, (int, int) ys, (int, int) xs, (int, int) zs, int[] before)
    {
        _voxels = voxels;
        (_ys, _xs, _zs) = (ys, xs, zs);
        _before = before;
    }

    /// <summary>Number of candidates.</summary>
    public int Count => _before[^1];

    /// <summary>Counts the candidates of <paramref name="voxels"/> for <paramref name="patch"/>, one dose row at a time.</summary>
    public static HighDoseRows Build(ICaseVoxels voxels, VolumeShape patch)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        var shape = voxels.Shape;
        var ys = Within(PatchSampler.CentreRange(shape.Y, patch.Y), shape.Y);
        var xs = Within(PatchSampler.CentreRange(shape.X, patch.X), shape.X);
        var zs = Within(PatchSampler.CentreRange(shape.Z, patch.Z), shape.Z);
        var width = xs.High - xs.Low;
        var before = new int[(checked((ys.High - ys.Low) * width)) + 1];
        var row = new float[zs.High - zs.Low];
        for (var r = 0; r < before.Length - 1; r++)
        {
            if (row.Length > 0)
            {
                voxels.CopyRow(CaseArray.Dose, 0, ys.Low + (r / width), xs.Low + (r % width), zs.Low, row);
            }

            before[r + 1] = before[r] + CountAbove(row);
        }

        return new HighDoseRows(voxels, ys, xs, zs, before);
    }

    /// <summary>The <paramref name="k"/>-th candidate (0-based) in C order: y, then x, then z.</summary>
    public (int Y, int X, int Z) Find(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Count);

        // The row r with before[r] <= k < before[r + 1]: the last row start not above k.
        var found = Array.BinarySearch(_before, k + 1);
        var r = (found >= 0 ? FirstOf(found) : ~found) - 1;
        var (y, x) = (_ys.Low + (r / (_xs.High - _xs.Low)), _xs.Low + (r % (_xs.High - _xs.Low)));
        var row = new float[_zs.High - _zs.Low];
        _voxels.CopyRow(CaseArray.Dose, 0, y, x, _zs.Low, row);
        var wanted = k - _before[r];
        for (var z = 0; z < row.Length; z++)
        {
            if (row[z] > PatchSampler.HighDoseThreshold && wanted-- == 0)
            {
                return (y, x, _zs.Low + z);
            }
        }

        throw new InvalidOperationException($"{_voxels.CaseId}: dose row ({y}, {x}) no longer has the high-dose voxels counted in it");
    }

    // Equal running counts belong to rows without candidates; the row that reaches k + 1 is the first of them.
    private int FirstOf(int index)
    {
        while (index > 0 && _before[index - 1] == _before[index])
        {
            index--;
        }

        return index;
    }

    private static (int Low, int High) Within((int Low, int High) range, int dim) =>
        (range.Low, Math.Max(range.Low, Math.Min(range.High, dim)));

    private static int CountAbove(ReadOnlySpan<float> row)
    {
        var count = 0;
        foreach (var value in row)
        {
            if (value > PatchSampler.HighDoseThreshold)
            {
                count++;
            }
        }

        return count;
    }
}
