using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace VmatTracker.Tests.Engine.DataLoading.Hostile;

/// <summary>
/// Writes a zip byte by byte, so a test can make its central directory say what it likes: a member whose stated
/// uncompressed size is far larger than the data it holds (zip64 sizes), without ever producing that much data.
/// </summary>
internal sealed class HandWrittenZip
{
    private readonly List<(string Name, byte[] Content, long StatedSize)> _members = [];

    /// <summary>Adds a deflated member; <paramref name="statedSize"/> (default: the content's length) is what the
    /// directory claims it decompresses to.</summary>
    public HandWrittenZip Add(string name, byte[] content, long? statedSize = null)
    {
        _members.Add((name, content, statedSize ?? content.Length));
        return this;
    }

    public byte[] ToBytes()
    {
        using var zip = new MemoryStream();
        var directory = new MemoryStream();
        foreach (var (name, content, statedSize) in _members)
        {
            var offset = zip.Position;
            var compressed = Deflate(content);
            var crc = Crc32(content);
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var extra = Zip64Extra(statedSize, compressed.Length);

            // Local file header: sizes 0xFFFFFFFF, the real ones in the zip64 extra field.
            WriteUInt32(zip, 0x04034b50);
            WriteUInt16(zip, 45);
            WriteUInt16(zip, 0);
            WriteUInt16(zip, 8);
            WriteUInt16(zip, 0);
            WriteUInt16(zip, 0x21);
            WriteUInt32(zip, crc);
            WriteUInt32(zip, uint.MaxValue);
            WriteUInt32(zip, uint.MaxValue);
            WriteUInt16(zip, (ushort)nameBytes.Length);
            WriteUInt16(zip, (ushort)extra.Length);
            zip.Write(nameBytes);
            zip.Write(extra);
            zip.Write(compressed);

            WriteUInt32(directory, 0x02014b50);
            WriteUInt16(directory, 45);
            WriteUInt16(directory, 45);
            WriteUInt16(directory, 0);
            WriteUInt16(directory, 8);
            WriteUInt16(directory, 0);
            WriteUInt16(directory, 0x21);
            WriteUInt32(directory, crc);
            WriteUInt32(directory, uint.MaxValue);
            WriteUInt32(directory, uint.MaxValue);
            WriteUInt16(directory, (ushort)nameBytes.Length);
            WriteUInt16(directory, (ushort)extra.Length);
            WriteUInt16(directory, 0);
            WriteUInt16(directory, 0);
            WriteUInt16(directory, 0);
            WriteUInt32(directory, 0);
            WriteUInt32(directory, checked((uint)offset));
            directory.Write(nameBytes);
            directory.Write(extra);
        }

        var directoryOffset = zip.Position;
        directory.Position = 0;
        directory.CopyTo(zip);
        WriteUInt32(zip, 0x06054b50);
        WriteUInt16(zip, 0);
        WriteUInt16(zip, 0);
        WriteUInt16(zip, (ushort)_members.Count);
        WriteUInt16(zip, (ushort)_members.Count);
        WriteUInt32(zip, (uint)directory.Length);
        WriteUInt32(zip, checked((uint)directoryOffset));
        WriteUInt16(zip, 0);
        return zip.ToArray();
    }

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToBytes());
        return path;
    }

    private static byte[] Zip64Extra(long uncompressed, long compressed)
    {
        var extra = new byte[20];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x0001);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), 16);
        BinaryPrimitives.WriteInt64LittleEndian(extra.AsSpan(4), uncompressed);
        BinaryPrimitives.WriteInt64LittleEndian(extra.AsSpan(12), compressed);
        return extra;
    }

    private static byte[] Deflate(byte[] content)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(content);
        }

        return output.ToArray();
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WriteUInt16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
