using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// The layout of one case cache file (<c>.vcase</c>): an 8-byte magic, the manifest's length (int32), a JSON manifest
/// (the NPZ's size and modification time, each array's dtype, shape, offset, length and SHA-256), then the arrays as
/// raw little-endian values at 64-byte boundaries. Writing and reading the manifest live here; reading voxels is
/// <see cref="MappedCase"/>'s.
/// </summary>
internal static class CaseCacheFormat
{
    private const int Alignment = 64;
    private const long ManifestRoom = 4096;
    private static readonly byte[] s_magic = "VMATCC01"u8.ToArray();
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The manifest of an open cache file, or null with <paramref name="problem"/> saying why not.</summary>
    public static CacheManifest? ReadManifest(FileStream stream, out string? problem)
    {
        Span<byte> head = stackalloc byte[12];
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length || !head[..8].SequenceEqual(s_magic))
        {
            problem = "not a case cache file (bad magic)";
            return null;
        }

        var length = BitConverter.ToInt32(head[8..]);
        if (length <= 0 || length > 1 << 20 || length > stream.Length - head.Length)
        {
            problem = $"manifest length {length} is impossible (truncated?)";
            return null;
        }

        var json = new byte[length];
        stream.ReadExactly(json);
        var manifest = JsonSerializer.Deserialize<CacheManifest>(json, s_json);
        problem = manifest is null || manifest.Format != 1 ? "unknown manifest format" : null;
        return problem is null ? manifest : null;
    }

    /// <summary>True when <paramref name="array"/>'s bytes in <paramref name="map"/> have its recorded SHA-256.</summary>
    public static bool Intact(MemoryMappedFile map, CachedArray array)
    {
        using var view = map.CreateViewStream(array.Offset, array.Bytes, MemoryMappedFileAccess.Read);
        return string.Equals(Convert.ToHexStringLower(SHA256.HashData(view)), array.Sha256, StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="volume"/> decompressed from <paramref name="source"/> to <paramref name="path"/>
    /// (which must not exist yet; the caller renames it into place).</summary>
    public static void Write(string path, FileInfo source, CaseVolume volume)
    {
        var v = volume.Shape;
        var c = volume.ChannelCount;
        var parts = new (string Name, string Dtype, long[] Shape, Array Data)[]
        {
            (CaseFile.CtKey, "<f4", [v.Y, v.X, v.Z], volume.Ct),
            (CaseFile.DoseKey, "<f4", [v.Y, v.X, v.Z], volume.Dose),
            (CaseFile.MasksKey, "|u1", [c, v.Y, v.X, v.Z], volume.Masks),
            (CaseFile.SdfKey, "<f4", [c, v.Y, v.X, v.Z], volume.Sdf),
            (CaseFile.ConstraintsKey, "<f4", [volume.Constraints.Length], volume.Constraints),
        };

        // The manifest's length fixes the data offsets, so it gets a fixed room and the data start after it.
        var arrays = new List<CachedArray>();
        var offset = Align(12 + ManifestRoom);
        foreach (var (name, dtype, shape, data) in parts)
        {
            var raw = Raw(data);
            arrays.Add(new CachedArray(name, dtype, shape, offset, raw.Length, Convert.ToHexStringLower(SHA256.HashData(raw))));
            offset = Align(offset + raw.Length);
        }

        var manifest = new CacheManifest(1, source.FullName, source.Length, source.LastWriteTimeUtc.Ticks, offset, arrays);
        var json = JsonSerializer.SerializeToUtf8Bytes(manifest, s_json);
        if (json.Length > ManifestRoom)
        {
            throw new InvalidDataException($"manifest of {json.Length} bytes exceeds its {ManifestRoom}-byte room");
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(s_magic);
        stream.Write(BitConverter.GetBytes(json.Length));
        stream.Write(json);
        foreach (var (array, (_, _, _, data)) in arrays.Zip(parts))
        {
            stream.Position = array.Offset;
            stream.Write(Raw(data));
        }

        stream.SetLength(offset);
    }

    // The arrays' own bytes, without a copy: little-endian on every platform .NET trains on.
    private static ReadOnlySpan<byte> Raw(Array data) => data switch
    {
        float[] floats => MemoryMarshal.AsBytes(floats.AsSpan()),
        byte[] bytes => bytes,
        _ => throw new InvalidDataException($"cannot cache a {data.GetType().Name}"),
    };

    private static long Align(long offset) => (offset + Alignment - 1) / Alignment * Alignment;
}

/// <summary>The manifest of a case cache file.</summary>
internal sealed record CacheManifest(int Format, string Source, long SourceBytes, long SourceModifiedTicks, long FileBytes,
    List<CachedArray> Arrays);

/// <summary>One array of a case cache file: where it is, its dtype and shape, and its SHA-256.</summary>
internal sealed record CachedArray(string Name, string Dtype, long[] Shape, long Offset, long Bytes, string Sha256);
