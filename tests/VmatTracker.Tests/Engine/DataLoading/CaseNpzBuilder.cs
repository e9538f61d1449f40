using System.IO.Compression;
using VmatTracker.Engine.DataLoading.Numpy;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>Builds small case npz files member by member, so a test can break exactly one thing.</summary>
internal sealed class CaseNpzBuilder
{
    private readonly Dictionary<string, byte[]> _members = new(StringComparer.Ordinal);

    /// <summary>A structurally valid 2x3x4 case with 2 channels and JSON metadata.</summary>
    public static CaseNpzBuilder Valid() => new CaseNpzBuilder()
        .Set("ct", NpyArray.Create(new float[24], 2, 3, 4))
        .Set("dose", NpyArray.Create(new float[24], 2, 3, 4))
        .Set("masks", NpyArray.Create(new byte[48], 2, 2, 3, 4))
        .Set("masks_sdf", NpyArray.Create(new float[48], 2, 2, 3, 4))
        .Set("constraints", NpyArray.Create(new float[13], 13))
        .Set("metadata_json", NpyArray.StringScalar("""{"site": "prostate", "voxel_spacing_mm": [1, 1, 2]}"""));

    public CaseNpzBuilder Set(string name, NpyArray array)
    {
        using var stream = new MemoryStream();
        NpyWriter.Write(stream, array);
        _members[name] = stream.ToArray();
        return this;
    }

    public CaseNpzBuilder SetRaw(string name, byte[] bytes)
    {
        _members[name] = bytes;
        return this;
    }

    /// <summary>A member made of a header for <paramref name="header"/> followed by <paramref name="body"/>.</summary>
    public CaseNpzBuilder SetHeaderAndBody(string name, NpyHeader header, byte[] body)
    {
        using var stream = new MemoryStream();
        NpyWriter.WriteHeader(stream, header);
        stream.Write(body);
        _members[name] = stream.ToArray();
        return this;
    }

    public CaseNpzBuilder Remove(string name)
    {
        _members.Remove(name);
        return this;
    }

    public string WriteTo(string path)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, bytes) in _members)
        {
            using var entry = zip.CreateEntry(name + ".npy", CompressionLevel.Fastest).Open();
            entry.Write(bytes);
        }

        return path;
    }
}
