using System.Collections.Concurrent;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// Decompresses each case NPZ once into a file of raw little-endian arrays (<see cref="CaseCacheFormat"/>,
/// <c>&lt;case&gt;-&lt;hash of the NPZ path&gt;.vcase</c>) and reads it back through a <see cref="MemoryMappedFile"/>
/// that stays open for the run: <see cref="Read"/> copies a whole case out (validation, inference), and
/// <see cref="Voxels"/> hands the sampler the open mapping so a training patch copies only its own rows. A changed NPZ,
/// a truncated file, a bad manifest or a checksum mismatch is detected and the file rebuilt; checksums are verified
/// when a file is first opened by this cache. Thread-safe; files are written under a temporary name and renamed, so a
/// mapping never sees a half-written file.
/// </summary>
public sealed class MappedCaseCache : IDisposable
{
    /// <summary>The sub-folder of the run's log folder used when no cache folder is given.</summary>
    public const string DefaultFolderName = ".case-cache";

    private readonly Action<string>? _log;
    private readonly ConcurrentDictionary<string, Lock> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CaseFileSummary> _summaries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MappedCase> _open = new(StringComparer.Ordinal);

    // Mappings replaced because their NPZ or file changed: another thread may still be cutting a patch from one, so
    // they are closed with the cache, not when replaced.
    private readonly ConcurrentBag<MappedCase> _retired = [];
    private int _decompressions;
    private int _mappedReads;
    private int _patchReads;
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

    /// <summary>Whole cases copied out of the memory-mapped cache by <see cref="Read"/>.</summary>
    public int MappedReads => Volatile.Read(ref _mappedReads);

    /// <summary>Times <see cref="Voxels"/> handed out a mapping to cut a patch from (no whole-case copy).</summary>
    public int PatchReads => Volatile.Read(ref _patchReads);

    /// <summary>Cache files found stale, truncated or corrupt, and rebuilt.</summary>
    public int Rebuilds => Volatile.Read(ref _rebuilds);

    /// <summary>The cache file for <paramref name="npzPath"/>.</summary>
    public string CacheFileFor(string npzPath)
    {
        var full = Path.GetFullPath(npzPath);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        return Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(full)}-{hash}.vcase");
    }

    /// <summary>The whole case at <paramref name="npzPath"/>: from its cache file when that is current and intact, else
    /// decompressed from the NPZ and written to the cache (a failed write is logged and training goes on).</summary>
    /// <exception cref="CaseFormatException">The NPZ itself is broken.</exception>
    public CaseVolume Read(string npzPath)
    {
        var (mapped, decompressed) = Open(npzPath);
        if (mapped is null)
        {
            return decompressed!;
        }

        Interlocked.Increment(ref _mappedReads);
        return mapped.ReadVolume();
    }

    /// <summary>
    /// The case at <paramref name="npzPath"/> for cutting patches: its open mapping when the cache file is current and
    /// intact, so a patch reads only its own rows. When the case had to be decompressed just now (first use, or a
    /// rebuild), the decompressed case itself, which is already in RAM.
    /// </summary>
    /// <exception cref="CaseFormatException">The NPZ itself is broken.</exception>
    public ICaseVoxels Voxels(string npzPath)
    {
        var (mapped, decompressed) = Open(npzPath);
        if (mapped is null)
        {
            return decompressed!;
        }

        Interlocked.Increment(ref _patchReads);
        return mapped;
    }

    /// <summary>Closes every mapping. Voxels handed out before must not be read afterwards.</summary>
    public void Dispose()
    {
        foreach (var mapped in _open.Values.Concat(_retired))
        {
            mapped.Dispose();
        }

        _open.Clear();
    }

    // The open mapping of npzPath's cache file (opening, verifying or rebuilding it as needed), or the freshly
    // decompressed case when there was no usable file.
    private (MappedCase? Mapped, CaseVolume? Decompressed) Open(string npzPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(npzPath);
        var cacheFile = CacheFileFor(npzPath);
        if (_open.TryGetValue(cacheFile, out var current) && current.IsCurrent(npzPath, cacheFile))
        {
            return (current, null);
        }

        lock (_locks.GetOrAdd(cacheFile, _ => new Lock()))
        {
            if (_open.TryGetValue(cacheFile, out current))
            {
                if (current.IsCurrent(npzPath, cacheFile))
                {
                    return (current, null);
                }

                _open.TryRemove(cacheFile, out _);
                _retired.Add(current);
            }

            var source = new FileInfo(npzPath);
            if (File.Exists(cacheFile))
            {
                var problem = TryOpen(cacheFile, source, out var opened);
                if (opened is not null)
                {
                    _open[cacheFile] = opened;
                    return (opened, null);
                }

                Interlocked.Increment(ref _rebuilds);
                _log?.Invoke($"case cache: {cacheFile}: {problem}; rebuilding it from {npzPath}");
            }

            var volume = CaseFile.Read(npzPath);
            Interlocked.Increment(ref _decompressions);
            TryWrite(cacheFile, source, volume);
            return (null, volume);
        }
    }

    private string? TryOpen(string cacheFile, FileInfo source, out MappedCase? mapped)
    {
        mapped = null;
        MemoryMappedFile? map = null;
        try
        {
            var stream = new FileStream(cacheFile, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            try
            {
                var manifest = CaseCacheFormat.ReadManifest(stream, out var problem);
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

                map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
                stream = null;
                var file = new FileInfo(cacheFile);
                var key = $"{cacheFile}|{file.LastWriteTimeUtc.Ticks}";
                if (_verified.TryAdd(key, true) && manifest.Arrays.FirstOrDefault(a => !CaseCacheFormat.Intact(map, a)) is { } corrupt)
                {
                    _verified.TryRemove(key, out _);
                    return $"array '{corrupt.Name}' does not match its checksum (corrupt)";
                }

                // The metadata stays in the NPZ (it is small); it is read once per NPZ version, not on every open.
                var summary = _summaries.GetOrAdd($"{source.FullName}|{manifest.SourceBytes}|{manifest.SourceModifiedTicks}",
                    _ => CaseFile.ReadMetadataOnly(source.FullName));
                mapped = MappedCase.Open(map, manifest, summary, file);
                map = null;
                return null;
            }
            finally
            {
                stream?.Dispose();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidDataException or ArgumentException)
        {
            return $"unreadable ({ex.Message})";
        }
        finally
        {
            map?.Dispose();
        }
    }

    private void TryWrite(string cacheFile, FileInfo source, CaseVolume volume)
    {
        var temporary = $"{cacheFile}.{Guid.NewGuid():N}.partial";
        try
        {
            Directory.CreateDirectory(Folder);
            CaseCacheFormat.Write(temporary, source, volume);
            File.Move(temporary, cacheFile, overwrite: true);

            // Written from the case just decompressed: its checksums were computed from these very arrays.
            _verified.TryAdd($"{cacheFile}|{File.GetLastWriteTimeUtc(cacheFile).Ticks}", true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _log?.Invoke($"case cache: could not write {cacheFile} ({ex.Message}); the case is read from its NPZ instead");
            TryDelete(temporary);
        }
    }

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
}
