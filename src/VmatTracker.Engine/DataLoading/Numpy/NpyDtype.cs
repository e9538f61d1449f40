using System.Globalization;

namespace VmatTracker.Engine.DataLoading.Numpy;

// CA1720: the members are named after numpy's dtypes (int16, float32, ...), which is what readers look for.
#pragma warning disable CA1720

/// <summary>
/// A numpy dtype as written in a .npy header's <c>descr</c>. <see cref="IsBigEndian"/> is the byte order on disk;
/// arrays in memory always hold native (little-endian) values.
/// </summary>
/// <param name="Kind">The element kind.</param>
/// <param name="ItemSize">Bytes per element on disk.</param>
/// <param name="IsBigEndian">True when the file stores elements big-endian ('&gt;').</param>
public sealed record NpyDtype(NpyKind Kind, int ItemSize, bool IsBigEndian = false)
{
    /// <summary>bool, '|b1'.</summary>
    public static NpyDtype Bool { get; } = new(NpyKind.Bool, 1);

    /// <summary>uint8, '|u1'.</summary>
    public static NpyDtype UInt8 { get; } = new(NpyKind.UInt8, 1);

    /// <summary>int16, '&lt;i2'.</summary>
    public static NpyDtype Int16 { get; } = new(NpyKind.Int16, 2);

    /// <summary>int32, '&lt;i4'.</summary>
    public static NpyDtype Int32 { get; } = new(NpyKind.Int32, 4);

    /// <summary>int64, '&lt;i8'.</summary>
    public static NpyDtype Int64 { get; } = new(NpyKind.Int64, 8);

    /// <summary>float32, '&lt;f4'.</summary>
    public static NpyDtype Float32 { get; } = new(NpyKind.Float32, 4);

    /// <summary>float64, '&lt;f8'.</summary>
    public static NpyDtype Float64 { get; } = new(NpyKind.Float64, 8);

    /// <summary>The longest unicode element read: 1 Mi code points (4 MiB).</summary>
    public const int MaxUnicodeLength = 1 << 20;

    /// <summary>object, '|O' (pickled).</summary>
    public static NpyDtype Object { get; } = new(NpyKind.Object, 8);

    /// <summary>Fixed-length unicode of <paramref name="length"/> code points, '&lt;U{length}'.</summary>
    public static NpyDtype Unicode(int length) => new(NpyKind.Unicode, checked(4 * Math.Max(length, 1)));

    /// <summary>Code points per element of a unicode dtype (0 for other kinds).</summary>
    public int StringLength => Kind == NpyKind.Unicode ? ItemSize / 4 : 0;

    /// <summary>numpy's name for the dtype, e.g. float32, int64, bool, &lt;U12.</summary>
    public string Name => Kind switch
    {
        NpyKind.Bool => "bool",
        NpyKind.UInt8 => "uint8",
        NpyKind.Int16 => "int16",
        NpyKind.Int32 => "int32",
        NpyKind.Int64 => "int64",
        NpyKind.Float32 => "float32",
        NpyKind.Float64 => "float64",
        NpyKind.Unicode => string.Create(CultureInfo.InvariantCulture, $"<U{StringLength}"),
        _ => "object",
    };

    /// <summary>The header form, e.g. '&lt;f4', '&gt;i8', '|u1', '&lt;U5', '|O'.</summary>
    public string Descr
    {
        get
        {
            // numpy writes '|' for one-byte and object types, whose byte order is meaningless.
            var order = ItemSize == 1 || Kind == NpyKind.Object ? '|' : IsBigEndian ? '>' : '<';
            var code = Kind switch
            {
                NpyKind.Bool => "b1",
                NpyKind.UInt8 => "u1",
                NpyKind.Int16 => "i2",
                NpyKind.Int32 => "i4",
                NpyKind.Int64 => "i8",
                NpyKind.Float32 => "f4",
                NpyKind.Float64 => "f8",
                NpyKind.Unicode => string.Create(CultureInfo.InvariantCulture, $"U{StringLength}"),
                _ => "O",
            };
            return order + code;
        }
    }

    /// <summary>True when the on-disk byte order differs from this machine's.</summary>
    public bool NeedsByteSwap => ItemSize > 1 && Kind != NpyKind.Object && IsBigEndian == BitConverter.IsLittleEndian;

    /// <summary>Parses a header <c>descr</c>; throws <see cref="NumpyFormatException"/> for anything unsupported.</summary>
    public static NpyDtype Parse(string descr)
    {
        ArgumentNullException.ThrowIfNull(descr);
        if (descr.Length < 2 || descr[0] is not ('<' or '>' or '|' or '='))
        {
            throw new NumpyFormatException($"unsupported dtype '{descr}': expected a byte order (<, >, |, =) and a type code");
        }

        var bigEndian = descr[0] switch
        {
            '>' => true,
            '=' => !BitConverter.IsLittleEndian,
            _ => false,
        };
        var code = descr[1..];
        var dtype = code switch
        {
            "b1" => Bool,
            "u1" => UInt8,
            "i2" => Int16 with { IsBigEndian = bigEndian },
            "i4" => Int32 with { IsBigEndian = bigEndian },
            "i8" => Int64 with { IsBigEndian = bigEndian },
            "f4" => Float32 with { IsBigEndian = bigEndian },
            "f8" => Float64 with { IsBigEndian = bigEndian },
            "O" or "O8" => Object,
            _ => null,
        };
        if (dtype is null && code.Length > 1 && code[0] == 'U'
            && int.TryParse(code.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0)
        {
            // Strings here are metadata; a longer element only serves to make its item size overflow.
            if (length > MaxUnicodeLength)
            {
                throw new NumpyFormatException(
                    $"unsupported dtype '{descr}': strings of more than {MaxUnicodeLength} code points are not metadata");
            }

            dtype = Unicode(length) with { IsBigEndian = bigEndian };
        }

        if (dtype is null)
        {
            throw new NumpyFormatException($"unsupported dtype '{descr}' (supported: b1, u1, i2, i4, i8, f4, f8, U<n>, O)");
        }

        // '|' claims the byte order does not matter, which is false for a multi-byte number.
        if (descr[0] == '|' && dtype.ItemSize > 1 && dtype.Kind != NpyKind.Object)
        {
            throw new NumpyFormatException($"unsupported dtype '{descr}': a {dtype.ItemSize}-byte type needs a byte order");
        }

        return dtype;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
