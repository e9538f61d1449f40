namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>
/// A numpy array in memory: dtype, C-order shape and the flat data as a typed .NET array (native byte order).
/// Element types: bool and uint8 as <see cref="byte"/> (bool as 0/1, so no invalid .NET bool can arise from a file),
/// int16 <see cref="short"/>, int32 <see cref="int"/>, int64 <see cref="long"/>, float32 <see cref="float"/>,
/// float64 <see cref="double"/>, unicode <see cref="string"/>.
/// </summary>
public sealed class NpyArray
{
    /// <summary>Wraps <paramref name="data"/> (not copied); its element type and length must match the dtype and shape.</summary>
    public NpyArray(NpyDtype dtype, int[] shape, Array data)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        var expected = ElementTypeOf(dtype.Kind);
        if (data.GetType().GetElementType() != expected || data.Rank != 1)
        {
            throw new ArgumentException($"dtype {dtype.Name} needs a {expected.Name}[], not {data.GetType().Name}", nameof(data));
        }

        var count = NpyHeader.CountElements(shape);
        if (data.Length != count)
        {
            throw new ArgumentException(
                $"shape {NpyHeader.FormatShape(shape)} needs {count} elements, the data has {data.Length}", nameof(data));
        }

        Dtype = dtype;
        Shape = shape;
        Data = data;
    }

    /// <summary>The element type (its byte order is the one read from or to be written to disk).</summary>
    public NpyDtype Dtype { get; }

    /// <summary>Axis lengths in C order; empty for a 0-d array.</summary>
    public int[] Shape { get; }

    /// <summary>The flat C-order data, e.g. a float[] for float32.</summary>
    public Array Data { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Data.Length;

    /// <summary>The .NET element type that holds <paramref name="kind"/>.</summary>
    public static Type ElementTypeOf(NpyKind kind) => kind switch
    {
        NpyKind.Bool or NpyKind.UInt8 => typeof(byte),
        NpyKind.Int16 => typeof(short),
        NpyKind.Int32 => typeof(int),
        NpyKind.Int64 => typeof(long),
        NpyKind.Float32 => typeof(float),
        NpyKind.Float64 => typeof(double),
        NpyKind.Unicode => typeof(string),
        _ => throw new NotSupportedException($"{kind} arrays have no flat .NET form; they are pickles"),
    };

    /// <summary>A little-endian array of <typeparamref name="T"/> (float, double, byte, short, int, long).</summary>
    public static NpyArray Create<T>(T[] data, params int[] shape)
        where T : unmanaged
    {
        var dtype = default(T) switch
        {
            float => NpyDtype.Float32,
            double => NpyDtype.Float64,
            byte => NpyDtype.UInt8,
            short => NpyDtype.Int16,
            int => NpyDtype.Int32,
            long => NpyDtype.Int64,
            _ => throw new NotSupportedException($"{typeof(T).Name} has no numpy dtype here"),
        };
        return new NpyArray(dtype, shape, data);
    }

    /// <summary>A numpy bool array from 0/1 bytes.</summary>
    public static NpyArray CreateBool(byte[] data, params int[] shape) => new(NpyDtype.Bool, shape, data);

    /// <summary>A '&lt;U{n}' array whose n fits the longest string (in code points).</summary>
    public static NpyArray CreateStrings(string[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        var longest = values.Select(v => v.EnumerateRunes().Count()).DefaultIfEmpty(1).Max();
        return new NpyArray(NpyDtype.Unicode(longest), shape, values);
    }

    /// <summary>A 0-d '&lt;U{n}' array holding one string, as numpy's <c>np.array(str)</c>.</summary>
    public static NpyArray StringScalar(string value) => CreateStrings([value]);

    /// <summary>The data as <typeparamref name="T"/>[]; throws when the dtype holds another element type.</summary>
    public T[] GetData<T>() => Data as T[]
        ?? throw new InvalidOperationException($"a {Dtype.Name} array holds {Data.GetType().Name}, not {typeof(T).Name}[]");

    /// <summary>The same array with another dtype of the same kind, e.g. to write it big-endian.</summary>
    public NpyArray WithDtype(NpyDtype dtype) => new(dtype, Shape, Data);

    /// <summary>The data as float[]: float32 data is returned as is (no copy); other numbers are converted.</summary>
    public float[] ToSingleArray() => Data switch
    {
        float[] f => f,
        double[] d => Convert(d, static v => (float)v),
        byte[] b => Convert(b, static v => (float)v),
        short[] s => Convert(s, static v => (float)v),
        int[] i => Convert(i, static v => (float)v),
        long[] l => Convert(l, static v => (float)v),
        _ => throw new InvalidOperationException($"a {Dtype.Name} array has no float form"),
    };

    /// <summary>The data as double[]: float64 data is returned as is (no copy); other numbers are converted.</summary>
    public double[] ToDoubleArray() => Data switch
    {
        double[] d => d,
        float[] f => Convert(f, static v => (double)v),
        byte[] b => Convert(b, static v => (double)v),
        short[] s => Convert(s, static v => (double)v),
        int[] i => Convert(i, static v => (double)v),
        long[] l => Convert(l, static v => (double)v),
        _ => throw new InvalidOperationException($"a {Dtype.Name} array has no double form"),
    };

    /// <summary>The data as byte[]: bool and uint8 only, returned as is (no copy).</summary>
    public byte[] ToByteArray() => Data as byte[]
        ?? throw new InvalidOperationException($"a {Dtype.Name} array is not bool or uint8");

    /// <summary>The strings of a unicode array.</summary>
    public string[] ToStringArray() => Data as string[]
        ?? throw new InvalidOperationException($"a {Dtype.Name} array holds no strings");

    private static TOut[] Convert<TIn, TOut>(TIn[] source, Func<TIn, TOut> convert)
    {
        var result = new TOut[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            result[i] = convert(source[i]);
        }

        return result;
    }
}
