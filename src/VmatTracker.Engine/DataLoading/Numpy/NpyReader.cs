using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>
/// Reads .npy arrays (format 1.0, 2.0, 3.0) from a stream. Data goes straight from the stream (e.g. a deflate stream
/// inside an npz) into the final typed array, so a member is never held twice; big-endian data is swapped in place and
/// float64 read as float32 is converted through one reusable chunk. Errors are <see cref="NumpyFormatException"/>.
/// </summary>
public static class NpyReader
{
    /// <summary>Bytes moved per read; also the size of the conversion buffer.</summary>
    public const int ChunkBytes = 1 << 20;

    // numpy itself refuses headers above 10 000 bytes by default; a larger one is garbage or an attack.
    private const int MaxHeaderBytes = 1 << 16;

    private static readonly Encoding s_strictUtf8 = new UTF8Encoding(false, true);

    /// <summary>The six bytes every .npy file starts with: \x93NUMPY.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>
    /// Reads a whole array in its stored dtype (C order in memory), refusing one larger than <paramref name="limits"/>
    /// (default <see cref="CaseLimits.Default"/>) or, on a seekable stream, than the bytes left in it.
    /// </summary>
    public static NpyArray Read(Stream stream, CaseLimits? limits = null)
    {
        var header = ReadHeader(stream);
        if (stream.CanSeek)
        {
            CheckSize(header, limits ?? CaseLimits.Default, stream.Length - stream.Position, inZipMember: false);
        }

        return ReadData(stream, header, limits);
    }

    /// <summary>
    /// Refuses <paramref name="header"/> when its data would exceed <paramref name="limits"/> or differ from the
    /// <paramref name="available"/> bytes that hold it (when known): checked before anything is allocated. The messages
    /// speak of "the member" when <paramref name="inZipMember"/>, else of the data that follows the header.
    /// </summary>
    public static void CheckSize(NpyHeader header, CaseLimits limits, long? available, bool inZipMember = true)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(limits);
        if (header.Dtype.Kind == NpyKind.Object)
        {
            return;
        }

        if (available is { } held && held < header.DataBytes)
        {
            throw new NumpyFormatException(
                $"truncated: shape {header.ShapeText} of {header.Dtype.Name} needs {header.DataBytes} data bytes, "
                + (inZipMember ? $"the member holds {Math.Max(held, 0)}" : $"the data ends after {Math.Max(held, 0)}"));
        }

        if (available is { } more && more > header.DataBytes)
        {
            throw new NumpyFormatException(inZipMember
                ? $"size mismatch: the member holds {more} data bytes, shape {header.ShapeText} of {header.Dtype.Name} needs {header.DataBytes}"
                : $"size mismatch: more data follows the {header.DataBytes} bytes that shape {header.ShapeText} of {header.Dtype.Name} needs");
        }

        var (limit, what) = header.Dtype.Kind == NpyKind.Unicode
            ? (limits.MaxMetadataBytes, "metadata limit")
            : (limits.MaxDecompressedBytes, "case limit");
        if (header.DataBytes > limit)
        {
            throw new NumpyFormatException(
                $"shape {header.ShapeText} of {header.Dtype.Name} needs {CaseLimits.Describe(header.DataBytes)} decompressed, "
                + $"over the {what} of {CaseLimits.Describe(limit)}");
        }
    }

    /// <summary>Reads the magic, version and header dict, leaving the stream at the first data byte.</summary>
    public static NpyHeader ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[8];
        if (ReadUpTo(stream, prefix) < prefix.Length || !prefix[..6].SequenceEqual(Magic))
        {
            throw new NumpyFormatException("bad magic: not a .npy array (it must start with \\x93NUMPY)");
        }

        var (major, minor) = (prefix[6], prefix[7]);
        if (major is < 1 or > 3 || minor != 0)
        {
            throw new NumpyFormatException($"unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0)");
        }

        Span<byte> lengthBytes = stackalloc byte[major == 1 ? 2 : 4];
        ReadExactly(stream, lengthBytes, "the header length");
        var headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes)
        {
            throw new NumpyFormatException($"header length {headerLength} is over the {MaxHeaderBytes}-byte limit");
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, "the header");
        string literal;
        try
        {
            // Versions 1 and 2 store the header as latin-1; 3.0 exists to allow utf-8.
            literal = major == 3 ? s_strictUtf8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new NumpyFormatException("the version 3.0 header is not valid utf-8", inner: e);
        }

        return NpyHeaderParser.Parse(literal) with { DataOffset = prefix.Length + lengthBytes.Length + (int)headerLength };
    }

    /// <summary>Reads the data that follows <paramref name="header"/>, in its stored dtype, within <paramref name="limits"/>.</summary>
    public static NpyArray ReadData(Stream stream, NpyHeader header, CaseLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        CheckSize(header, limits ?? CaseLimits.Default, available: null);
        Array data = header.Dtype.Kind switch
        {
            NpyKind.Bool or NpyKind.UInt8 => ReadNative<byte>(stream, header),
            NpyKind.Int16 => ReadNative<short>(stream, header),
            NpyKind.Int32 => ReadNative<int>(stream, header),
            NpyKind.Int64 => ReadNative<long>(stream, header),
            NpyKind.Float32 => ReadNative<float>(stream, header),
            NpyKind.Float64 => ReadNative<double>(stream, header),
            NpyKind.Unicode => ReadStrings(stream, header),
            _ => throw new NumpyFormatException("dtype object ('|O') holds a pickle, which only the metadata reader opens"),
        };
        return new NpyArray(header.Dtype, header.Shape, data);
    }

    /// <summary>Reads float32 or float64 data as float[]; float64 is narrowed chunk by chunk, never held whole.</summary>
    public static float[] ReadSingles(Stream stream, NpyHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.Dtype.Kind switch
        {
            NpyKind.Float32 => ReadNative<float>(stream, header),
            NpyKind.Float64 => ReadNarrowed(stream, header),
            _ => throw new NumpyFormatException($"has dtype {header.Dtype.Name}, expected float32 or float64"),
        };
    }

    /// <summary>Reads uint8 or bool data as byte[].</summary>
    public static byte[] ReadBytes(Stream stream, NpyHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.Dtype.Kind is NpyKind.UInt8 or NpyKind.Bool
            ? ReadNative<byte>(stream, header)
            : throw new NumpyFormatException($"has dtype {header.Dtype.Name}, expected uint8 or bool");
    }

    /// <summary>Reads the pickle that follows an object ('|O') header, as raw bytes: at most <paramref name="maxBytes"/>,
    /// whatever the zip directory claims.</summary>
    public static byte[] ReadPickleBytes(Stream stream, NpyHeader header, long maxBytes = CaseLimits.DefaultMaxMetadataBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        if (header.Dtype.Kind != NpyKind.Object)
        {
            throw new NumpyFormatException($"has dtype {header.Dtype.Name}, expected a pickled object ('|O')");
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = ReadUpTo(stream, chunk.AsSpan(0, 1 << 16))) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    throw new NumpyFormatException($"the pickle is over the metadata limit of {CaseLimits.Describe(maxBytes)}");
                }

                if (read < 1 << 16)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static T[] ReadNative<T>(Stream stream, NpyHeader header)
        where T : unmanaged
    {
        var result = new T[header.ElementCount];

        // Element by element chunks: a byte span over the whole array would overflow int beyond 2 GiB.
        var perChunk = ChunkBytes / Unsafe.SizeOf<T>();
        for (var done = 0; done < result.Length; done += perChunk)
        {
            var bytes = MemoryMarshal.AsBytes(result.AsSpan(done, Math.Min(perChunk, result.Length - done)));
            ReadData(stream, bytes, header, (long)done * Unsafe.SizeOf<T>());
            if (header.Dtype.NeedsByteSwap)
            {
                ByteOrder.SwapInPlace(bytes, header.Dtype.ItemSize);
            }
        }

        EnsureEnd(stream, header);
        return header.FortranOrder ? FortranOrder.ToCOrder(result, header.Shape) : result;
    }

    private static float[] ReadNarrowed(Stream stream, NpyHeader header)
    {
        var result = new float[header.ElementCount];
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var done = 0;
            while (done < result.Length)
            {
                var count = Math.Min(result.Length - done, ChunkBytes / sizeof(double));
                var chunk = buffer.AsSpan(0, count * sizeof(double));
                ReadData(stream, chunk, header, (long)done * sizeof(double));
                if (header.Dtype.NeedsByteSwap)
                {
                    ByteOrder.SwapInPlace(chunk, sizeof(double));
                }

                var doubles = MemoryMarshal.Cast<byte, double>(chunk);
                var target = result.AsSpan(done, count);
                for (var i = 0; i < count; i++)
                {
                    target[i] = (float)doubles[i];
                }

                done += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        EnsureEnd(stream, header);
        return header.FortranOrder ? FortranOrder.ToCOrder(result, header.Shape) : result;
    }

    private static string[] ReadStrings(Stream stream, NpyHeader header)
    {
        // Unicode arrays here are metadata (a few kB; CheckSize bounds them), so one byte buffer is fine.
        var bytes = new byte[header.DataBytes];
        ReadData(stream, bytes, header);
        EnsureEnd(stream, header);
        var encoding = new UTF32Encoding(header.Dtype.IsBigEndian, false, true);
        var result = new string[header.ElementCount];
        try
        {
            for (var i = 0; i < result.Length; i++)
            {
                var item = bytes.AsSpan(checked(i * header.Dtype.ItemSize), header.Dtype.ItemSize);
                result[i] = encoding.GetString(item).TrimEnd('\0');
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new NumpyFormatException("a unicode element is not valid UTF-32", inner: e);
        }

        return header.FortranOrder ? FortranOrder.ToCOrder(result, header.Shape) : result;
    }

    private static void ReadData(Stream stream, Span<byte> target, NpyHeader header, long alreadyRead = 0)
    {
        var read = 0;
        try
        {
            while (read < target.Length)
            {
                var n = stream.Read(target.Slice(read, Math.Min(ChunkBytes, target.Length - read)));
                if (n == 0)
                {
                    throw new NumpyFormatException(
                        $"truncated: shape {header.ShapeText} of {header.Dtype.Name} needs {header.DataBytes} data bytes, "
                        + $"the data ends after {alreadyRead + read}");
                }

                read += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new NumpyFormatException($"corrupt compressed data after {alreadyRead + read} bytes: {e.Message}", inner: e);
        }
    }

    private static void EnsureEnd(Stream stream, NpyHeader header)
    {
        Span<byte> probe = stackalloc byte[1];
        if (ReadUpTo(stream, probe) != 0)
        {
            throw new NumpyFormatException(
                $"size mismatch: more data follows the {header.DataBytes} bytes that shape {header.ShapeText} of "
                + $"{header.Dtype.Name} needs");
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> target, string what)
    {
        if (ReadUpTo(stream, target) < target.Length)
        {
            throw new NumpyFormatException($"truncated: the data ends inside {what}");
        }
    }

    private static int ReadUpTo(Stream stream, Span<byte> target)
    {
        try
        {
            return stream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new NumpyFormatException($"corrupt compressed data: {e.Message}", inner: e);
        }
    }
}
