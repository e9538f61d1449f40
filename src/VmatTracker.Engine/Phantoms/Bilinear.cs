using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Phantoms;

/// <summary>
/// The in-grid corners of a bilinear sample at fractional (y, x) of a (Y, X, Z) volume, found once and then used to
/// sample every slice of several volumes. Corners outside the grid are dropped, so outside counts as 0.
/// </summary>
internal struct Bilinear
{
    private Corners _index;
    private Weights _weight;

    public int Count { get; private set; }

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct Corners
    {
        private int _element;
    }

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct Weights
    {
        private double _element;
    }

    public static Bilinear At(VolumeShape shape, double fy, double fx)
    {
        var result = default(Bilinear);
        var (y0, x0) = ((int)Math.Floor(fy), (int)Math.Floor(fx));
        if (y0 < -1 || x0 < -1 || y0 >= shape.Y || x0 >= shape.X)
        {
            return result;
        }

        var (wy, wx) = (fy - y0, fx - x0);
        for (var corner = 0; corner < 4; corner++)
        {
            var (y, x) = (y0 + (corner >> 1), x0 + (corner & 1));
            var w = ((corner >> 1) == 1 ? wy : 1.0 - wy) * ((corner & 1) == 1 ? wx : 1.0 - wx);
            if (y < 0 || x < 0 || y >= shape.Y || x >= shape.X || w == 0.0)
            {
                continue;
            }

            result._index[result.Count] = shape.IndexOf(y, x, 0);
            result._weight[result.Count] = w;
            result.Count++;
        }

        return result;
    }

    /// <summary>The OR of <paramref name="columnBits"/> (one byte per (y, x) column) over the in-grid corners.</summary>
    public readonly int ColumnBits(byte[] columnBits, int slices)
    {
        var bits = 0;
        for (var c = 0; c < Count; c++)
        {
            bits |= columnBits[_index[c] / slices];
        }

        return bits;
    }

    /// <summary>Interpolates every slice of <paramref name="volume"/> into <paramref name="into"/>.</summary>
    public readonly void Sample(double[] volume, double[] into)
    {
        Array.Clear(into);
        for (var c = 0; c < Count; c++)
        {
            var (start, w) = (_index[c], _weight[c]);
            for (var z = 0; z < into.Length; z++)
            {
                into[z] += w * volume[start + z];
            }
        }
    }

    /// <summary>Interpolates every slice of a 0/1 mask: the covered fraction per slice.</summary>
    public readonly void Sample(byte[] mask, double[] into)
    {
        Array.Clear(into);
        for (var c = 0; c < Count; c++)
        {
            var (start, w) = (_index[c], _weight[c]);
            for (var z = 0; z < into.Length; z++)
            {
                into[z] += w * mask[start + z];
            }
        }
    }
}
