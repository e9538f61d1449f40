namespace VmatTracker.Engine.Metrics;

/// <summary>
/// The per-point search of <see cref="GammaIndex"/>: shells in schedule order, each reduced to the minimum absolute
/// dose difference, until gamma can no longer fall. Interior points take a fast path (cell-grouped offsets, no bounds
/// checks, cells whose dose range cannot beat the current gamma skipped); points near an edge take the exact path,
/// which places each shell point in mm exactly as pymedphys does, so out-of-grid decisions agree bit for bit.
/// </summary>
internal sealed class GammaSearch
{
    private readonly double[] _reference;
    private readonly double[] _evaluated;
    private readonly double[] _cellMin;
    private readonly double[] _cellMax;
    private readonly int[] _size;
    private readonly int[] _strides;
    private readonly double[] _spacing;
    private readonly GammaShellCatalog _shells;
    private readonly double _doseFraction;
    private readonly double _normalisation;
    private readonly bool _local;

    public GammaSearch(double[] reference, double[] evaluated, int[] size, double[] spacing, GammaOptions options, double normalisation)
    {
        _reference = reference;
        _evaluated = evaluated;
        _size = size;
        _spacing = spacing;
        _strides = [size[1] * size[2], size[2], 1];
        _doseFraction = options.DosePercent / 100;
        _normalisation = normalisation;
        _local = options.Local;
        (_cellMin, _cellMax) = CellRanges(evaluated, size, _strides);
        _shells = new GammaShellCatalog(options, spacing, _strides);
    }

    /// <summary>Gamma at flat index <paramref name="index"/>: +infinity if no finite evaluated dose was ever seen.</summary>
    public double PointGamma(int index)
    {
        var k = index % _size[2];
        var j = index / _size[2] % _size[1];
        var i = index / _strides[0];
        var rv = _reference[index];
        var norm = _local ? rv : _normalisation;
        if (_local && rv == 0)
        {
            // pymedphys divides by the local dose: 0/0 and x/0 make the point NaN, which excludes it.
            return double.NaN;
        }

        // Beyond the farthest grid corner every shell point is outside the grid, so nothing can change any more.
        var reach = FarthestCorner(i, j, k);
        var gamma = double.PositiveInfinity;
        for (var s = 0; ; s++)
        {
            var shell = _shells.Get(s);
            if (shell is null || gamma <= shell.DistanceRatio || shell.Distance > reach)
            {
                // No larger shell can lower gamma below d/DTA.
                return gamma;
            }

            var minAbs = IsInterior(i, j, k, shell)
                ? FastShellMin(index, rv, norm, gamma, shell)
                : ExactShellMin(i, j, k, rv, shell);
            if (double.IsFinite(minAbs))
            {
                var delta = minAbs / norm / _doseFraction;
                gamma = Math.Min(gamma, Math.Sqrt((delta * delta) + (shell.DistanceRatio * shell.DistanceRatio)));
            }
        }
    }

    private double FarthestCorner(int i, int j, int k)
    {
        var a = Math.Max(i, _size[0] - 1 - i) * _spacing[0];
        var b = Math.Max(j, _size[1] - 1 - j) * _spacing[1];
        var c = Math.Max(k, _size[2] - 1 - k) * _spacing[2];

        // A little slack: shell points are placed with rounding, and an extra shell costs nothing but time.
        return (Math.Sqrt((a * a) + (b * b) + (c * c)) * (1 + 1e-9)) + 1e-9;
    }

    private bool IsInterior(int i, int j, int k, GammaShell shell) =>
        // One cell of margin on each side, so rounding of a shell point exactly on an edge can never matter here.
        i + shell.MinCell[0] >= 1 && i + shell.MaxCell[0] + 1 <= _size[0] - 2
        && j + shell.MinCell[1] >= 1 && j + shell.MaxCell[1] + 1 <= _size[1] - 2
        && k + shell.MinCell[2] >= 1 && k + shell.MaxCell[2] + 1 <= _size[2] - 2;

    private double FastShellMin(int index, double rv, double norm, double gamma, GammaShell shell)
    {
        // Only differences below this can lower gamma; a small slack keeps the skip conservative under rounding.
        var window = double.IsPositiveInfinity(gamma)
            ? double.PositiveInfinity
            : norm * _doseFraction * Math.Sqrt((gamma * gamma) - (shell.DistanceRatio * shell.DistanceRatio));
        window += (1e-9 * (window + Math.Abs(rv))) + 1e-300;
        var lo = rv - window;
        var hi = rv + window;
        var e = _evaluated;
        var s0 = _strides[0];
        var s1 = _strides[1];
        var deltas = shell.GroupCellDelta;
        var starts = shell.GroupStart;
        var t = shell.Fractions;
        var minAbs = double.PositiveInfinity;
        for (var g = 0; g < deltas.Length; g++)
        {
            var b = index + deltas[g];
            if (_cellMax[b] < lo || _cellMin[b] > hi)
            {
                continue;
            }

            double e000 = e[b], e001 = e[b + 1], e010 = e[b + s1], e011 = e[b + s1 + 1];
            double e100 = e[b + s0], e101 = e[b + s0 + 1], e110 = e[b + s0 + s1], e111 = e[b + s0 + s1 + 1];
            for (var p = starts[g]; p < starts[g + 1]; p++)
            {
                double t0 = t[3 * p], t1 = t[(3 * p) + 1], t2 = t[(3 * p) + 2];
                var c00 = e000 + ((e001 - e000) * t2);
                var c01 = e010 + ((e011 - e010) * t2);
                var c10 = e100 + ((e101 - e100) * t2);
                var c11 = e110 + ((e111 - e110) * t2);
                var c0 = c00 + ((c01 - c00) * t1);
                var c1 = c10 + ((c11 - c10) * t1);
                var diff = Math.Abs(c0 + ((c1 - c0) * t0) - rv);
                if (diff < minAbs)
                {
                    minAbs = diff;
                }
            }
        }

        return minAbs;
    }

    private double ExactShellMin(int i, int j, int k, double rv, GammaShell shell)
    {
        var o = shell.Offsets;
        var minAbs = double.PositiveInfinity;
        for (var p = 0; p < o.Length; p += 3)
        {
            // The coordinate of voxel k is k x spacing, plus the offset: the same double operations as pymedphys.
            if (!Locate((i * _spacing[0]) + o[p], 0, out var i0, out var t0)
                || !Locate((j * _spacing[1]) + o[p + 1], 1, out var i1, out var t1)
                || !Locate((k * _spacing[2]) + o[p + 2], 2, out var i2, out var t2))
            {
                continue;
            }

            var diff = Math.Abs(Trilinear(i0, t0, i1, t1, i2, t2) - rv);
            if (diff < minAbs)
            {
                minAbs = diff;
            }
        }

        return minAbs;
    }

    /// <summary>Cell and fraction of coordinate <paramref name="x"/> (mm) on an axis; false outside the grid.</summary>
    private bool Locate(double x, int axis, out int cell, out double fraction)
    {
        var n = _size[axis];
        var h = _spacing[axis];
        cell = 0;
        fraction = 0;
        if (x < 0 || x > (n - 1) * h)
        {
            return false;
        }

        if (n == 1)
        {
            return true;
        }

        cell = Math.Min((int)Math.Floor(x / h), n - 2);
        fraction = (x - (cell * h)) / h;
        return true;
    }

    private double Trilinear(int i0, double t0, int i1, double t1, int i2, double t2)
    {
        // A singleton axis has no upper neighbour; its fraction is 0, so reusing the same index is exact.
        var d0 = _size[0] > 1 ? _strides[0] : 0;
        var d1 = _size[1] > 1 ? _strides[1] : 0;
        var d2 = _size[2] > 1 ? 1 : 0;
        var b = (i0 * _strides[0]) + (i1 * _strides[1]) + i2;
        var e = _evaluated;
        var c00 = e[b] + ((e[b + d2] - e[b]) * t2);
        var c01 = e[b + d1] + ((e[b + d1 + d2] - e[b + d1]) * t2);
        var c10 = e[b + d0] + ((e[b + d0 + d2] - e[b + d0]) * t2);
        var c11 = e[b + d0 + d1] + ((e[b + d0 + d1 + d2] - e[b + d0 + d1]) * t2);
        var c0 = c00 + ((c01 - c00) * t1);
        var c1 = c10 + ((c11 - c10) * t1);
        return c0 + ((c1 - c0) * t0);
    }

    /// <summary>Per cell (indexed by its lower corner), the smallest and largest of its eight corner doses.</summary>
    private static (double[] Min, double[] Max) CellRanges(double[] e, int[] size, int[] strides)
    {
        var min = new double[e.Length];
        var max = new double[e.Length];
        var (s0, s1) = (strides[0], strides[1]);
        Parallel.For(0, Math.Max(0, size[0] - 1), i =>
        {
            for (var j = 0; j < size[1] - 1; j++)
            {
                for (var k = 0; k < size[2] - 1; k++)
                {
                    var b = (i * s0) + (j * s1) + k;
                    double lo = e[b], hi = e[b];
                    foreach (var c in (ReadOnlySpan<int>)[1, s1, s1 + 1, s0, s0 + 1, s0 + s1, s0 + s1 + 1])
                    {
                        lo = Math.Min(lo, e[b + c]);
                        hi = Math.Max(hi, e[b + c]);
                    }

                    min[b] = lo;
                    max[b] = hi;
                }
            }
        });
        return (min, max);
    }
}
