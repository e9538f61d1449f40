namespace VmatTracker.Engine.Metrics;

/// <summary>
/// One search shell prepared for a particular grid. The points keep their raw mm offsets (for the exact path near
/// the grid's edges) and are also grouped by the grid cell they fall in, with their fractional position inside it,
/// so the fast path interpolates without bounds checks and can skip a whole cell whose dose range cannot matter.
/// </summary>
internal sealed class GammaShell
{
    private GammaShell(double distance, double[] offsets)
    {
        Distance = distance;
        Offsets = offsets;
    }

    public double Distance { get; }

    /// <summary>Distance over the DTA: the distance term of gamma, and the stopping bound.</summary>
    public double DistanceRatio { get; private init; }

    /// <summary>Raw offsets in mm, (axis 0, axis 1, axis 2) per point.</summary>
    public double[] Offsets { get; }

    /// <summary>Flat index offset of each group's cell (its lower corner) from the reference point.</summary>
    public int[] GroupCellDelta { get; private init; } = [];

    /// <summary>Start of each group in <see cref="Fractions"/> (in points); one extra entry closes the last group.</summary>
    public int[] GroupStart { get; private init; } = [];

    /// <summary>Fractional position inside the cell, (t0, t1, t2) per point, in group order.</summary>
    public double[] Fractions { get; private init; } = [];

    /// <summary>Smallest and largest cell offset per axis: the margin a point needs for the fast path.</summary>
    public int[] MinCell { get; private init; } = [];

    /// <inheritdoc cref="MinCell"/>
    public int[] MaxCell { get; private init; } = [];

    public static GammaShell Create(double distance, double step, double distanceMm, double[] spacing, int[] strides)
    {
        var offsets = GammaSchedule.ShellOffsets(distance, step);
        var count = offsets.Length / 3;
        var groups = new Dictionary<(int, int, int), List<int>>();
        var cells = new int[3];
        var minCell = new[] { int.MaxValue, int.MaxValue, int.MaxValue };
        var maxCell = new[] { int.MinValue, int.MinValue, int.MinValue };
        var fractions = new double[offsets.Length];
        for (var p = 0; p < count; p++)
        {
            for (var a = 0; a < 3; a++)
            {
                var u = offsets[(3 * p) + a] / spacing[a];
                cells[a] = (int)Math.Floor(u);
                fractions[(3 * p) + a] = u - cells[a];
                minCell[a] = Math.Min(minCell[a], cells[a]);
                maxCell[a] = Math.Max(maxCell[a], cells[a]);
            }

            var key = (cells[0], cells[1], cells[2]);
            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups[key] = members;
            }

            members.Add(p);
        }

        var deltas = new int[groups.Count];
        var starts = new int[groups.Count + 1];
        var ordered = new double[offsets.Length];
        var g = 0;
        var n = 0;
        foreach (var (key, members) in groups)
        {
            deltas[g] = (key.Item1 * strides[0]) + (key.Item2 * strides[1]) + (key.Item3 * strides[2]);
            starts[g] = n;
            foreach (var p in members)
            {
                ordered[3 * n] = fractions[3 * p];
                ordered[(3 * n) + 1] = fractions[(3 * p) + 1];
                ordered[(3 * n) + 2] = fractions[(3 * p) + 2];
                n++;
            }

            g++;
        }

        starts[g] = n;
        return new GammaShell(distance, offsets)
        {
            DistanceRatio = distance / distanceMm,
            GroupCellDelta = deltas,
            GroupStart = starts,
            Fractions = ordered,
            MinCell = minCell,
            MaxCell = maxCell,
        };
    }
}

/// <summary>
/// The shells of one comparison, built on first use. With a finite max_gamma the schedule is finite; with an
/// infinite one it grows (under a lock) only as far as the slowest point needs.
/// </summary>
internal sealed class GammaShellCatalog
{
    private readonly IEnumerator<(double Distance, double Step)> _schedule;
    private readonly double _distanceMm;
    private readonly double[] _spacing;
    private readonly int[] _strides;
    private readonly Lock _gate = new();
    private GammaShell[] _shells = [];
    private bool _exhausted;

    public GammaShellCatalog(GammaOptions options, double[] spacing, int[] strides)
    {
        _schedule = GammaSchedule.Distances(options.DistanceMm, options.InterpFraction, options.MaxGamma).GetEnumerator();
        _distanceMm = options.DistanceMm;
        _spacing = spacing;
        _strides = strides;
        if (double.IsFinite(options.MaxGamma))
        {
            _ = Get(int.MaxValue - 1);
        }
    }

    /// <summary>The shell at position <paramref name="index"/> of the schedule, or null past its end.</summary>
    public GammaShell? Get(int index)
    {
        var shells = Volatile.Read(ref _shells);
        if (index < shells.Length)
        {
            return shells[index];
        }

        lock (_gate)
        {
            var list = new List<GammaShell>(_shells);
            while (list.Count <= index && !_exhausted)
            {
                if (_schedule.MoveNext())
                {
                    var (distance, step) = _schedule.Current;
                    list.Add(GammaShell.Create(distance, step, _distanceMm, _spacing, _strides));
                }
                else
                {
                    _exhausted = true;
                }
            }

            Volatile.Write(ref _shells, [.. list]);
            return index < list.Count ? list[index] : null;
        }
    }
}
