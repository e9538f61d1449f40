using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Training;

/// <summary>
/// Decompressed cases kept in RAM up to a byte budget, least recently used dropped first, so a case is decompressed once
/// per run when the budget holds the training set (a 300×300×160 case with 9 SDF channels is about 0.75 GB).
/// Thread-safe: the background loader and validation read through it.
/// </summary>
public sealed class CaseCache(long budgetBytes)
{
    private readonly Dictionary<string, LinkedListNode<(string Id, CaseVolume Volume, long Bytes)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, CaseVolume Volume, long Bytes)> _recency = new();
    private readonly Lock _lock = new();
    private long _bytes;

    /// <summary>Bytes held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Decompressions so far (cache misses).</summary>
    public int Loads { get; private set; }

    /// <summary>The cached case, if it is in RAM (and then marked most recently used).</summary>
    public bool TryGet(string caseId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CaseVolume? volume)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(caseId, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                volume = node.Value.Volume;
                return true;
            }
        }

        volume = null;
        return false;
    }

    /// <summary>True when a case of <paramref name="bytes"/> would fit beside what is held now, evicting nothing.</summary>
    public bool HasRoomFor(long bytes)
    {
        lock (_lock)
        {
            return _bytes + bytes <= budgetBytes;
        }
    }

    /// <summary>The cached case, or <paramref name="load"/>'s result (cached when it fits the budget).</summary>
    public CaseVolume Get(string caseId, Func<CaseVolume> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        lock (_lock)
        {
            if (_entries.TryGetValue(caseId, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Volume;
            }
        }

        var volume = load();
        var size = SizeOf(volume);
        lock (_lock)
        {
            Loads++;
            if (_entries.ContainsKey(caseId) || size > budgetBytes)
            {
                return volume;
            }

            while (_bytes + size > budgetBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Id);
                _bytes -= oldest.Value.Bytes;
            }

            _entries[caseId] = _recency.AddFirst((caseId, volume, size));
            _bytes += size;
            return volume;
        }
    }

    /// <summary>Bytes a decompressed case occupies.</summary>
    public static long SizeOf(CaseVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return (4L * (volume.Ct.Length + volume.Dose.Length + volume.Sdf.Length + volume.Constraints.Length)) + volume.Masks.Length;
    }

    /// <summary>Bytes a decompressed case of <paramref name="shape"/> with <paramref name="channels"/> structure channels
    /// and <paramref name="constraints"/> constraint values occupies, known before it is read.</summary>
    public static long SizeOf(VolumeShape shape, int channels, int constraints)
    {
        var voxels = (long)shape.VoxelCount;
        return (4L * (((2 + channels) * voxels) + constraints)) + (channels * voxels);
    }
}
