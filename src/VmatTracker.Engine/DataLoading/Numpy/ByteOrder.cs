using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>In-place byte swapping of packed 2-, 4- and 8-byte elements.</summary>
internal static class ByteOrder
{
    /// <summary>Reverses the bytes of every <paramref name="itemSize"/>-byte element; one-byte elements are left alone.</summary>
    public static void SwapInPlace(Span<byte> bytes, int itemSize)
    {
        switch (itemSize)
        {
            case 2:
                var shorts = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
            default:
                break;
        }
    }
}
