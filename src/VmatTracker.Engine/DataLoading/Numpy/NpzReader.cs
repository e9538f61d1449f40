using System.IO.Compression;
using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading.Numpy.Pickling;

namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>
/// Reads an .npz archive (a zip of <c>name.npy</c> members, stored or deflated, zip64 included). Members are decoded
/// straight from the zip stream. Every error is a <see cref="NumpyFormatException"/> naming the file and member.
/// Not thread-safe (one zip stream underneath): use one reader per thread.
/// </summary>
public sealed class NpzReader : IDisposable
{
    private const string Suffix = ".npy";
    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _members = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    private NpzReader(ZipArchive archive, string fileName, CaseLimits limits)
    {
        _archive = archive;
        FileName = fileName;
        Limits = limits;
        foreach (var entry in archive.Entries)
        {
            // numpy names members "<key>.npy"; anything else in the zip is not an array and is skipped.
            if (entry.FullName.EndsWith(Suffix, StringComparison.Ordinal)
                && _members.TryAdd(entry.FullName[..^Suffix.Length], entry))
            {
                _names.Add(entry.FullName[..^Suffix.Length]);
            }
        }
    }

    /// <summary>The file (or display name) being read; used in error messages.</summary>
    public string FileName { get; }

    /// <summary>Member names without the .npy suffix, in archive order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The bounds every member is checked against before it is allocated.</summary>
    public CaseLimits Limits { get; }

    /// <summary>Opens the npz at <paramref name="path"/>; members are read within <paramref name="limits"/>
    /// (default <see cref="CaseLimits.Default"/>).</summary>
    public static NpzReader Open(string path, CaseLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Open(stream, path, limits);
    }

    /// <summary>Reads an npz from a seekable <paramref name="stream"/>, which the reader then owns.</summary>
    public static NpzReader Open(Stream stream, string fileName, CaseLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            var problem = CheckZipSignature(stream);
            if (problem is not null)
            {
                throw new NumpyFormatException(problem, fileName);
            }

            return new NpzReader(new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false), fileName,
                limits ?? CaseLimits.Default);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new NumpyFormatException(
                $"truncated or damaged zip archive (its central directory is missing or broken): {e.Message}", fileName,
                inner: e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>True when the archive has a member <paramref name="name"/> (without .npy).</summary>
    public bool Contains(string name) => _members.ContainsKey(name);

    /// <summary>Reads only the header of member <paramref name="name"/>: cheap, whatever the member's size.</summary>
    public NpyHeader ReadHeader(string name) => WithMember(name, (stream, entry) => ReadCheckedHeader(stream, entry));

    /// <summary>Reads member <paramref name="name"/> in its stored dtype.</summary>
    public NpyArray Read(string name) =>
        WithMember(name, (stream, entry) => NpyReader.ReadData(stream, ReadCheckedHeader(stream, entry), Limits));

    /// <summary>Reads a float32 or float64 member as float[] (float64 narrowed chunk by chunk).</summary>
    public float[] ReadSingles(string name, out NpyHeader header)
    {
        NpyHeader? found = null;
        var data = WithMember(name, (stream, entry) =>
        {
            found = ReadCheckedHeader(stream, entry);
            return NpyReader.ReadSingles(stream, found);
        });
        header = found!;
        return data;
    }

    /// <summary>Reads a uint8 or bool member as byte[].</summary>
    public byte[] ReadBytes(string name, out NpyHeader header)
    {
        NpyHeader? found = null;
        var data = WithMember(name, (stream, entry) =>
        {
            found = ReadCheckedHeader(stream, entry);
            return NpyReader.ReadBytes(stream, found);
        });
        header = found!;
        return data;
    }

    /// <summary>
    /// Reads a pickled object member (descr '|O', as numpy saves a dict) and returns its content as JSON. Nothing in the
    /// pickle is executed; see <see cref="NumpyPickle"/>.
    /// </summary>
    public JsonNode? ReadPickled(string name) => WithMember(name, (stream, entry) =>
    {
        // The pickle is held whole while decoding; metadata is kilobytes, so anything huge is refused up front (and the
        // read stops at the limit, whatever the directory states).
        if (entry.Length > Limits.MaxMetadataBytes)
        {
            throw new NumpyFormatException(
                $"pickled member of {entry.Length} bytes is over the metadata limit of {CaseLimits.Describe(Limits.MaxMetadataBytes)}");
        }

        var header = NpyReader.ReadHeader(stream);
        return NumpyPickle.ToJson(NumpyPickle.Load(NpyReader.ReadPickleBytes(stream, header, Limits.MaxMetadataBytes)));
    });

    /// <inheritdoc />
    public void Dispose() => _archive.Dispose();

    private T WithMember<T>(string name, Func<Stream, ZipArchiveEntry, T> read)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_members.TryGetValue(name, out var entry))
        {
            throw new NumpyFormatException("no such member in the archive", FileName, name);
        }

        try
        {
            using var stream = entry.Open();
            return read(stream, entry);
        }
        catch (NumpyFormatException e)
        {
            throw e.WithContext(FileName, name);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or NotSupportedException)
        {
            throw new NumpyFormatException($"damaged member: {e.Message}", FileName, name, e);
        }
    }

    private NpyHeader ReadCheckedHeader(Stream stream, ZipArchiveEntry entry)
    {
        // The zip directory states each member's size: a header that disagrees with it, or needs more than the limits
        // allow, is refused before its array is allocated. The read itself never goes past the header's size.
        var header = NpyReader.ReadHeader(stream);
        NpyReader.CheckSize(header, Limits, entry.Length - header.DataOffset);
        return header;
    }

    private static string? CheckZipSignature(Stream stream)
    {
        // ZipArchive reports a text file renamed .npz and a cut-off download alike; the first bytes tell them apart.
        Span<byte> signature = stackalloc byte[4];
        var read = stream.ReadAtLeast(signature, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read < 4)
        {
            return read == 0 ? "empty file, not an npz (zip) archive" : "not an npz (zip) archive: file too short";
        }

        var isZip = signature[0] == (byte)'P' && signature[1] == (byte)'K'
            && ((signature[2] == 3 && signature[3] == 4) || (signature[2] == 5 && signature[3] == 6));
        return isZip ? null : "not an npz (zip) archive: it does not start with a zip signature";
    }
}
