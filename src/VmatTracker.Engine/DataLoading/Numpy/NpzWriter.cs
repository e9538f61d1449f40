using System.IO.Compression;

namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>Writes an .npz archive of deflated <c>name.npy</c> members, as <c>np.savez_compressed</c> does.</summary>
public sealed class NpzWriter : IDisposable
{
    private readonly ZipArchive _archive;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly CompressionLevel _level;

    /// <summary>Writes to <paramref name="stream"/>; the archive is completed on <see cref="Dispose"/>.</summary>
    public NpzWriter(Stream stream, bool leaveOpen = false, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen);
        _level = level;
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    public static NpzWriter Create(string path, CompressionLevel level = CompressionLevel.Fastest) =>
        new(new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16), false, level);

    /// <summary>Adds member <paramref name="name"/> (stored as name.npy).</summary>
    public void Write(string name, NpyArray array, int? version = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(array);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"member '{name}' was already written", nameof(name));
        }

        var entry = _archive.CreateEntry(name + ".npy", _level);
        using var stream = entry.Open();
        NpyWriter.Write(stream, array, version);
    }

    /// <inheritdoc />
    public void Dispose() => _archive.Dispose();
}
