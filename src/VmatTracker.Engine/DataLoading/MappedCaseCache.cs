using System.Collections.Concurrent;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// Decompresses each case NPZ once into a file of raw little-endian arrays and reads it back through a
/// <see cref="MemoryMappedFile"/>: a case that falls out of the RAM cache costs a copy from the OS page cache instead
/// of a zlib inflate. One file per case (<c>&lt;case&gt;-&lt;hash of the NPZ path&gt;.vcase</c>): an 8-byte magic, a
/// JSON manifest (the NPZ's size and modification time, each array's dtype, shape, offset and SHA-256), then the arrays
/// at 64-byte boundaries. A changed NPZ, a truncated file or a checksum mismatch is detected and the file rebuilt;
/// checksums are verified once per file per process. Thread-safe; files are written under a temporary name and renamed.
/// </summary>
public sealed class MappedCaseCache
{
    /// <summary>The sub-folder of the run's log folder used when no cache folder is given.</summary>
    public const string DefaultFolderName = ".case-cache";

    private const int Alignment = 64;
    private static readonly byte[] s_magic = "VMATCC01"u8.ToArray();
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly Action<string>? _log;
    private readonly ConcurrentDictionary<string, Lock> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CaseFileSummary> _summaries = new(StringComparer.Ordinal);
    private int _decompressions;
    private int _mappedReads;
    private int _rebuilds;

    /// <summary>A cache in <paramref name="folder"/> (created when first written); problems go to <paramref name="log"/>.</summary>
    public MappedCaseCache(string folder, Action<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        _log = log;
    }

    /// <summary>The cache folder.</summary>
    public string Folder { get; }

    /// <summary>NPZ decompressions (a case not cached yet, or rebuilt).</summary>
    public int Decompressions => Volatile.Read(ref _decompressions);

    /// <summary>Cases read from the memory-mapped cache.</summary>
    public int MappedReads => Volatile.Read(ref _mappedReads);

    /// <summary>Cache files found stale, truncated or corrupt, and rebuilt.</summary>
    public int Rebuilds => Volatile.Read(ref _rebuilds);

    /// <summary>The cache file for <paramref name="npzPath"/>.</summary>
    public string CacheFileFor(string npzPath)
    {
        var full = Path.GetFullPath(npzPath);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        return Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(full)}-{hash}.vcase");
    }

    /// <summary>The case at <paramref name="npzPath"/>: from its cache file when that is current and intact, else
    /// decompressed from the NPZ and written to the cache (a failed write is logged and training goes on).</summary>
    /// <exception cref="CaseFormatException">The NPZ itself is broken.</exception>
    public CaseVolume Read(string npzPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(npzPath);
        var cacheFile = CacheFileFor(npzPath);
        lock (_locks.GetOrAdd(cacheFile, _ => new Lock()))
        {
            var source = new FileInfo(npzPath);
            if (File.Exists(cacheFile))
            {
                var problem = TryReadMapped(cacheFile, source, out var cached);
                if (cached is not null)
                {
                    Interlocked.Increment(ref _mappedReads);
                    return cached;
                }

                Interlocked.Increment(ref _rebuilds);
                _log?.Invoke($"case cache: {cacheFile}: {problem}; rebuilding it from {npzPath}");
            }

            var volume = CaseFile.Read(npzPath);
            Interlocked.Increment(ref _decompressions);
            TryWrite(cacheFile, source, volume);
            return volume;
        }
    }

    private string? TryReadMapped(string cacheFile, FileInfo source, out CaseVolume? volume)
    {
        volume = null;
        try
        {
            using var stream = new FileStream(cacheFile, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            var manifest = ReadManifest(stream, out var problem);
            if (manifest is null)
            {
                return problem;
            }

            if (manifest.SourceBytes != source.Length || manifest.SourceModifiedTicks != source.LastWriteTimeUtc.Ticks)
            {
                return "the NPZ has changed since it was cached";
            }

            if (manifest.FileBytes != stream.Length)
            {
                return $"is {stream.Length} bytes, the manifest says {manifest.FileBytes} (truncated?)";
            }

            using var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            var verify = _verified.TryAdd($"{cacheFile}|{File.GetLastWriteTimeUtc(cacheFile).Ticks}", true);
            if (verify && manifest.Arrays.FirstOrDefault(a => !Intact(map, a)) is { } corrupt)
            {
                _verified.TryRemove($"{cacheFile}|{File.GetLastWriteTimeUtc(cacheFile).Ticks}", out _);
                return $"array '{corrupt.Name}' does not match its checksum (corrupt)";
            }

            // The metadata stays in the NPZ (it is small); it is read once per NPZ version, not on every mapped read.
            var summary = _summaries.GetOrAdd($"{source.FullName}|{manifest.SourceBytes}|{manifest.SourceModifiedTicks}",
                _ => CaseFile.ReadMetadataOnly(source.FullName));
            volume = new CaseVolume
            {
                CaseId = Path.GetFileNameWithoutExtension(source.FullName),
                Shape = summary.Shape,
                Ct = ReadArray<float>(map, manifest, CaseFile.CtKey),
                Dose = ReadArray<float>(map, manifest, CaseFile.DoseKey),
                Masks = ReadArray<byte>(map, manifest, CaseFile.MasksKey),
                Sdf = ReadArray<float>(map, manifest, CaseFile.SdfKey),
                ChannelCount = summary.ChannelCount,
                Constraints = ReadArray<float>(map, manifest, CaseFile.ConstraintsKey),
                Metadata = summary.Metadata,
            };
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidDataException or ArgumentException)
        {
            return $"unreadable ({ex.Message})";
        }
    }

    private static CacheManifest? ReadManifest(FileStream stream, out string? problem)
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

    private static bool Intact(MemoryMappedFile map, CachedArray array)
    {
        using var view = map.CreateViewStream(array.Offset, array.Bytes, MemoryMappedFileAccess.Read);
        return string.Equals(Convert.ToHexStringLower(SHA256.HashData(view)), array.Sha256, StringComparison.Ordinal);
    }

    private static T[] ReadArray<T>(MemoryMappedFile map, CacheManifest manifest, string name)
        where T : unmanaged
    {
        var array = manifest.Arrays.FirstOrDefault(a => a.Name == name)
            ?? throw new InvalidDataException($"no array '{name}' in the manifest");
        var count = array.Shape.Aggregate(1L, (a, b) => a * b);
        if (count * System.Runtime.InteropServices.Marshal.SizeOf<T>() != array.Bytes)
        {
            throw new InvalidDataException($"array '{name}': shape [{string.Join(", ", array.Shape)}] does not fit {array.Bytes} bytes");
        }

        var values = new T[count];
        if (count > 0)
        {
            // A view stream copies whole spans out of the mapping (a view accessor's ReadArray goes element by element).
            using var view = map.CreateViewStream(array.Offset, array.Bytes, MemoryMappedFileAccess.Read);
            view.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }

        return values;
    }

    private void TryWrite(string cacheFile, FileInfo source, CaseVolume volume)
    {
        var temporary = $"{cacheFile}.{Guid.NewGuid():N}.partial";
        try
        {
            Directory.CreateDirectory(Folder);
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

            // The manifest's length fixes the data offsets; pad its JSON so both agree on the first pass.
            var arrays = new List<CachedArray>();
            var manifestRoom = 4096L;
            var offset = Align(12 + manifestRoom);
            foreach (var (name, dtype, shape, data) in parts)
            {
                var raw = Raw(data);
                arrays.Add(new CachedArray(name, dtype, shape, offset, raw.Length, Convert.ToHexStringLower(SHA256.HashData(raw))));
                offset = Align(offset + raw.Length);
            }

            var manifest = new CacheManifest(1, source.FullName, source.Length, source.LastWriteTimeUtc.Ticks, offset, arrays);
            var json = JsonSerializer.SerializeToUtf8Bytes(manifest, s_json);
            if (json.Length > manifestRoom)
            {
                throw new InvalidDataException($"manifest of {json.Length} bytes exceeds its {manifestRoom}-byte room");
            }

            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
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

            File.Move(temporary, cacheFile, overwrite: true);
            _verified.TryAdd($"{cacheFile}|{File.GetLastWriteTimeUtc(cacheFile).Ticks}", true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _log?.Invoke($"case cache: could not write {cacheFile} ({ex.Message}); the case is read from its NPZ instead");
            TryDelete(temporary);
        }
    }

    // The arrays' own bytes, without a copy: little-endian on every platform .NET trains on.
    private static ReadOnlySpan<byte> Raw(Array data) => data switch
    {
        float[] floats => System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()),
        byte[] bytes => bytes,
        _ => throw new InvalidDataException($"cannot cache a {data.GetType().Name}"),
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover .partial file is ignored by readers and replaced by the next write.
        }
    }

    private static long Align(long offset) => (offset + Alignment - 1) / Alignment * Alignment;

    private sealed record CacheManifest(int Format, string Source, long SourceBytes, long SourceModifiedTicks, long FileBytes,
        List<CachedArray> Arrays);

    private sealed record CachedArray(string Name, string Dtype, long[] Shape, long Offset, long Bytes, string Sha256);
}
