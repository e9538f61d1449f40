using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>
/// Writes .npy arrays in C order, in the byte order of the array's dtype. The header is padded so the data starts on a
/// 64-byte boundary, as numpy does. Native-order data is written straight from the array, without a copy.
/// </summary>
public static class NpyWriter
{
    private const int Alignment = 64;

    /// <summary>
    /// Writes <paramref name="array"/>. <paramref name="version"/> forces format 1, 2 or 3; by default numpy's choice
    /// (1.0 unless the header is too long for it).
    /// </summary>
    public static void Write(Stream stream, NpyArray array, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        WriteHeader(stream, new NpyHeader(array.Dtype, false, array.Shape), version);
        switch (array.Data)
        {
            case byte[] b:
                WriteNative(stream, b, array.Dtype);
                break;
            case short[] s:
                WriteNative(stream, s, array.Dtype);
                break;
            case int[] i:
                WriteNative(stream, i, array.Dtype);
                break;
            case long[] l:
                WriteNative(stream, l, array.Dtype);
                break;
            case float[] f:
                WriteNative(stream, f, array.Dtype);
                break;
            case double[] d:
                WriteNative(stream, d, array.Dtype);
                break;
            case string[] strings:
                WriteStrings(stream, strings, array.Dtype);
                break;
            default:
                throw new NotSupportedException($"cannot write {array.Data.GetType().Name}");
        }
    }

    /// <summary>Writes the magic, version and padded header dict.</summary>
    public static void WriteHeader(Stream stream, NpyHeader header, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        var literal = header.ToDictLiteral();
        var chosen = version ?? (literal.Length + 12 < ushort.MaxValue ? 1 : 2);
        if (chosen is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "numpy format versions are 1, 2 and 3");
        }

        var body = (chosen == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(literal);
        var prefixLength = Magic.Length + 2 + (chosen == 1 ? 2 : 4);
        var unpadded = prefixLength + body.Length + 1;
        var headerLength = body.Length + 1 + ((Alignment - (unpadded % Alignment)) % Alignment);
        if (chosen == 1 && headerLength > ushort.MaxValue)
        {
            throw new ArgumentException("the header is too long for format 1.0", nameof(version));
        }

        var bytes = new byte[prefixLength + headerLength];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)chosen;
        bytes[7] = 0;
        if (chosen == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        }

        body.CopyTo(bytes, prefixLength);
        bytes.AsSpan(prefixLength + body.Length).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        stream.Write(bytes);
    }

    private static ReadOnlySpan<byte> Magic => NpyReader.Magic;

    private static void WriteNative<T>(Stream stream, T[] data, NpyDtype dtype)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(data.AsSpan());
        if (!dtype.NeedsByteSwap)
        {
            stream.Write(bytes);
            return;
        }

        // Swap a copy, chunk by chunk: the caller's array must stay in native order.
        var buffer = ArrayPool<byte>.Shared.Rent(NpyReader.ChunkBytes);
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += NpyReader.ChunkBytes)
            {
                var chunk = buffer.AsSpan(0, Math.Min(NpyReader.ChunkBytes, bytes.Length - offset));
                bytes.Slice(offset, chunk.Length).CopyTo(chunk);
                ByteOrder.SwapInPlace(chunk, dtype.ItemSize);
                stream.Write(chunk);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void WriteStrings(Stream stream, string[] values, NpyDtype dtype)
    {
        var encoding = new UTF32Encoding(dtype.IsBigEndian, false, true);
        var item = new byte[dtype.ItemSize];
        foreach (var value in values)
        {
            Array.Clear(item);
            var byteCount = encoding.GetByteCount(value);
            if (byteCount > item.Length)
            {
                throw new ArgumentException($"a string of {byteCount / 4} code points does not fit dtype {dtype.Name}");
            }

            encoding.GetBytes(value, item);
            stream.Write(item);
        }
    }
}
