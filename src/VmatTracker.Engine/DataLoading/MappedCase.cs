using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// One case cache file held open and mapped for the rest of the run, so a training patch copies only its own rows out
/// of the OS page cache (and each page is faulted in once, not once per patch). Its <see cref="Sampling"/> summary
/// (structure presence, high-dose rows) is built from the mapping once and kept in RAM. Reads are thread-safe: the
/// mapping is read-only and every copy holds a reference on the view's handle, so disposing it mid-copy cannot unmap
/// memory under a reader.
/// </summary>
internal sealed class MappedCase : ICaseVoxels, IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly SafeBuffer _buffer;
    private readonly long _ct;
    private readonly long _dose;
    private readonly long _masks;
    private readonly long _sdf;
    private readonly (long Bytes, long Ticks) _sourceStamp;
    private readonly (long Bytes, long Ticks) _fileStamp;
    private CaseSampling? _sampling;

    private MappedCase(MemoryMappedFile map, CacheManifest manifest, CaseFileSummary summary, (long, long) fileStamp)
    {
        _map = map;
        CaseId = summary.CaseId;
        Shape = summary.Shape;
        ChannelCount = summary.ChannelCount;
        Metadata = summary.Metadata;
        _sourceStamp = (manifest.SourceBytes, manifest.SourceModifiedTicks);
        _fileStamp = fileStamp;
        var c = (long)ChannelCount;
        _ct = Find(manifest, CaseFile.CtKey, "<f4", [Shape.Y, Shape.X, Shape.Z], 4).Offset;
        _dose = Find(manifest, CaseFile.DoseKey, "<f4", [Shape.Y, Shape.X, Shape.Z], 4).Offset;
        _masks = Find(manifest, CaseFile.MasksKey, "|u1", [c, Shape.Y, Shape.X, Shape.Z], 1).Offset;
        _sdf = Find(manifest, CaseFile.SdfKey, "<f4", [c, Shape.Y, Shape.X, Shape.Z], 4).Offset;
        var constraints = Find(manifest, CaseFile.ConstraintsKey, "<f4", null, 4);
        if (manifest.Arrays.Any(a => a.Offset < 0 || a.Offset + a.Bytes > manifest.FileBytes))
        {
            throw new InvalidDataException($"an array lies outside the file's {manifest.FileBytes} bytes");
        }

        _view = map.CreateViewAccessor(0, manifest.FileBytes, MemoryMappedFileAccess.Read);
        _buffer = _view.SafeMemoryMappedViewHandle;
        Constraints = new float[constraints.Bytes / 4];
        Read(constraints.Offset, Constraints.AsSpan());
    }

    /// <inheritdoc />
    public string CaseId { get; }

    /// <inheritdoc />
    public VolumeShape Shape { get; }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <inheritdoc />
    public float[] Constraints { get; }

    /// <summary>The case's metadata (from its NPZ, read once per NPZ version).</summary>
    public CaseMetadata Metadata { get; }

    /// <inheritdoc />
    public CaseSampling Sampling => LazyInitializer.EnsureInitialized(ref _sampling, () => CaseSampling.For(this));

    /// <summary>Maps <paramref name="map"/> (whose manifest is <paramref name="manifest"/>) for reading.</summary>
    /// <exception cref="InvalidDataException">The manifest's arrays do not fit the case's shape or the file.</exception>
    public static MappedCase Open(MemoryMappedFile map, CacheManifest manifest, CaseFileSummary summary, FileInfo cacheFile) =>
        new(map, manifest, summary, Stamp(cacheFile));

    /// <summary>True while neither the NPZ nor the cache file has changed since this was opened (two stat calls).</summary>
    public bool IsCurrent(string npzPath, string cacheFile)
    {
        var source = new FileInfo(npzPath);
        var file = new FileInfo(cacheFile);
        return source.Exists && file.Exists && Stamp(source) == _sourceStamp && Stamp(file) == _fileStamp;
    }

    /// <summary>The whole case copied into arrays (for whole-volume validation and inference).</summary>
    public CaseVolume ReadVolume()
    {
        var (v, c) = (Shape.VoxelCount, ChannelCount);
        var volume = new CaseVolume
        {
            CaseId = CaseId,
            Shape = Shape,
            Ct = new float[v],
            Dose = new float[v],
            Masks = new byte[checked(c * v)],
            Sdf = new float[checked(c * v)],
            ChannelCount = c,
            Constraints = (float[])Constraints.Clone(),
            Metadata = Metadata,
        };
        Read(_ct, volume.Ct.AsSpan());
        Read(_dose, volume.Dose.AsSpan());
        Read(_masks, volume.Masks.AsSpan());
        Read(_sdf, volume.Sdf.AsSpan());
        return volume;
    }

    /// <inheritdoc />
    public bool IsStructurePresent(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);

        // In chunks, stopping at the first voxel of the structure: usually within the first few.
        var chunk = new byte[1 << 16];
        var (start, end) = (_masks + ((long)channel * Shape.VoxelCount), _masks + ((long)(channel + 1) * Shape.VoxelCount));
        for (var at = start; at < end; at += chunk.Length)
        {
            var part = chunk.AsSpan(0, (int)Math.Min(chunk.Length, end - at));
            Read(at, part);
            if (part.IndexOfAnyExcept((byte)0) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public void CopyRow(CaseArray array, int channel, int y, int x, int z, Span<float> target)
    {
        var origin = array switch
        {
            CaseArray.Ct => _ct,
            CaseArray.Dose => _dose,
            _ => _sdf + ((long)channel * Shape.VoxelCount * sizeof(float)),
        };
        Read(origin + ((long)Shape.IndexOf(y, x, z) * sizeof(float)), target);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
    }

    private void Read<T>(long offset, Span<T> target)
        where T : struct => _buffer.ReadSpan((ulong)(_view.PointerOffset + offset), target);

    private static (long, long) Stamp(FileInfo file) => (file.Length, file.LastWriteTimeUtc.Ticks);

    private static CachedArray Find(CacheManifest manifest, string name, string dtype, long[]? shape, int itemBytes)
    {
        var array = manifest.Arrays.FirstOrDefault(a => a.Name == name)
            ?? throw new InvalidDataException($"no array '{name}' in the manifest");
        if (array.Dtype != dtype || (shape is not null && !array.Shape.SequenceEqual(shape))
            || array.Shape.Aggregate(1L, (a, b) => a * b) * itemBytes != array.Bytes)
        {
            throw new InvalidDataException(
                $"array '{name}' is {array.Dtype} [{string.Join(", ", array.Shape)}] in {array.Bytes} bytes, which does not fit the case");
        }

        return array;
    }
}
