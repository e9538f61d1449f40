using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Razorvine.Pickle;

namespace VmatTracker.Engine.DataLoading.Numpy.Pickling;

/// <summary>
/// A pickled <c>numpy.dtype</c>: built from <c>dtype('f8', False, True)</c>, then BUILD with state
/// <c>(3, '&lt;', ...)</c> sets the byte order. Decodes the raw bytes of scalars and numeric arrays.
/// </summary>
internal sealed class PickledDtype
{
    public PickledDtype(string code)
    {
        Code = code;
        ItemSize = code switch
        {
            "b1" or "u1" or "i1" => 1,
            "i2" or "u2" => 2,
            "f4" or "i4" or "u4" => 4,
            "f8" or "i8" or "u8" or "O8" or "O4" => 8,
            _ when code.Length > 1 && code[0] == 'U'
                && int.TryParse(code.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) => bytes,
            _ => throw new PickleException($"numpy dtype '{code}' is not supported in metadata"),
        };
    }

    public string Code { get; }

    public int ItemSize { get; }

    public bool IsBigEndian { get; private set; }

    public bool IsObject => Code[0] == 'O';

    /// <summary>Called by the unpickler's BUILD; the name is the Python protocol's.</summary>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Razorvine finds __setstate__ by name.")]
    public void __setstate__(object[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length > 1 && state[1] is string order)
        {
            IsBigEndian = order == ">";
        }
    }

    /// <summary>The element at the start of <paramref name="bytes"/> as a plain .NET value.</summary>
    public object Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < ItemSize)
        {
            throw new PickleException($"numpy {Code} value needs {ItemSize} bytes, got {bytes.Length}");
        }

        var big = IsBigEndian;
        return Code switch
        {
            "b1" => bytes[0] != 0,
            "u1" => (long)bytes[0],
            "i1" => (long)(sbyte)bytes[0],
            "i2" => (long)(big ? BinaryPrimitives.ReadInt16BigEndian(bytes) : BinaryPrimitives.ReadInt16LittleEndian(bytes)),
            "u2" => (long)(big ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes)),
            "i4" => (long)(big ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes)),
            "u4" => (long)(big ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes)),
            "i8" => big ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes),
            "u8" => big ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            "f4" => (double)(big ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes)),
            "f8" => big ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            _ when Code[0] == 'U' => new UTF32Encoding(big, false, true).GetString(bytes[..ItemSize]).TrimEnd('\0'),
            _ => throw new PickleException($"numpy dtype '{Code}' values cannot be decoded from bytes"),
        };
    }
}
