using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading.Numpy;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// Reads and writes case files (.npz, the reference's layout). Structure is checked here (keys, dtypes, shapes,
/// readable metadata); values (NaN, ranges, channel count against the site) are the case validator's job.
/// Every structural problem is a <see cref="CaseFormatException"/> naming the file, the key and the problem.
/// </summary>
public static class CaseFile
{
    /// <summary>Normalised CT, (Y, X, Z), float32 or float64.</summary>
    public const string CtKey = "ct";

    /// <summary>Normalised dose, (Y, X, Z), float32 or float64.</summary>
    public const string DoseKey = "dose";

    /// <summary>Binary masks, (C, Y, X, Z), uint8 or bool.</summary>
    public const string MasksKey = "masks";

    /// <summary>Signed distance fields, (C, Y, X, Z), float32 or float64.</summary>
    public const string SdfKey = "masks_sdf";

    /// <summary>The conditioning vector, (N,), float32 or float64.</summary>
    public const string ConstraintsKey = "constraints";

    /// <summary>Metadata as JSON text in a 0-d numpy unicode array (what we write; numpy reads it without pickle).</summary>
    public const string MetadataJsonKey = "metadata_json";

    /// <summary>Metadata as a pickled dict (reference files).</summary>
    public const string PickledMetadataKey = "metadata";

    /// <summary>Reads the case at <paramref name="path"/>; its ID is the file stem. A case whose arrays would exceed
    /// <paramref name="limits"/> (default <see cref="CaseLimits.Default"/>) is refused before any is allocated.</summary>
    public static CaseVolume Read(string path, CaseLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var npz = Open(path, limits);
        var layout = CaseLayout.Check(npz, path);
        var metadata = ReadMetadata(npz, path);
        return new CaseVolume
        {
            CaseId = Path.GetFileNameWithoutExtension(path),
            Shape = layout.Shape,
            Ct = Guard(path, CtKey, () => npz.ReadSingles(CtKey, out _)),
            Dose = Guard(path, DoseKey, () => npz.ReadSingles(DoseKey, out _)),
            Masks = Guard(path, MasksKey, () => npz.ReadBytes(MasksKey, out _)),
            Sdf = Guard(path, SdfKey, () => npz.ReadSingles(SdfKey, out _)),
            ChannelCount = layout.ChannelCount,
            Constraints = Guard(path, ConstraintsKey, () => npz.ReadSingles(ConstraintsKey, out _)),
            Metadata = metadata,
        };
    }

    /// <summary>
    /// Reads only the metadata and the array headers: cheap whatever the volume size, for catalog listings. The
    /// structure is checked as in <see cref="Read"/>, but the voxel data is not decompressed.
    /// </summary>
    public static CaseFileSummary ReadMetadataOnly(string path, CaseLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var npz = Open(path, limits);
        var layout = CaseLayout.Check(npz, path);
        return new CaseFileSummary
        {
            CaseId = Path.GetFileNameWithoutExtension(path),
            FilePath = path,
            Shape = layout.Shape,
            ChannelCount = layout.ChannelCount,
            ConstraintCount = layout.ConstraintCount,
            Metadata = ReadMetadata(npz, path),
            Members = npz.Names,
        };
    }

    /// <summary>
    /// Writes <paramref name="volume"/> as a deflated npz: float32 ct, dose, masks_sdf and constraints, uint8 masks and
    /// the metadata as <c>metadata_json</c>. The file is written beside its target and moved into place, so a failed
    /// write never leaves a half case file behind. <paramref name="extraArrays"/> are written after the contract's keys
    /// (readers ignore members they do not know, e.g. OpenKBP's <c>possible_dose_mask</c>).
    /// </summary>
    public static void Write(string path, CaseVolume volume, IEnumerable<(string Key, NpyArray Array)>? extraArrays = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(volume);
        var (y, x, z) = (volume.Shape.Y, volume.Shape.X, volume.Shape.Z);
        var c = volume.ChannelCount;
        var arrays = new (string Key, NpyArray Array)[]
        {
            (CtKey, NpyArray.Create(volume.Ct, y, x, z)),
            (DoseKey, NpyArray.Create(volume.Dose, y, x, z)),
            (MasksKey, NpyArray.Create(volume.Masks, c, y, x, z)),
            (SdfKey, NpyArray.Create(volume.Sdf, c, y, x, z)),
            (ConstraintsKey, NpyArray.Create(volume.Constraints, volume.Constraints.Length)),
            (MetadataJsonKey, NpyArray.StringScalar(volume.Metadata.Values.ToJsonString())),
        }.Concat(extraArrays ?? []);

        var temporary = path + ".partial";
        try
        {
            using (var npz = NpzWriter.Create(temporary))
            {
                foreach (var (key, array) in arrays)
                {
                    npz.Write(key, array);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    internal static NpzReader Open(string path, CaseLimits? limits = null)
    {
        try
        {
            return NpzReader.Open(path, limits);
        }
        catch (NumpyFormatException e)
        {
            throw new CaseFormatException(path, null, e.Problem, e);
        }
    }

    /// <summary>Runs <paramref name="read"/>, turning numpy format errors into case errors for <paramref name="key"/>.</summary>
    internal static T Guard<T>(string path, string key, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (NumpyFormatException e)
        {
            throw new CaseFormatException(path, e.Member ?? key, e.Problem, e);
        }
    }

    private static CaseMetadata ReadMetadata(NpzReader npz, string path)
    {
        JsonNode? node;
        string key;
        if (npz.Contains(MetadataJsonKey))
        {
            key = MetadataJsonKey;
            node = Guard(path, key, () => ParseJsonMember(npz, key));
        }
        else if (npz.Contains(PickledMetadataKey))
        {
            key = PickledMetadataKey;
            node = Guard(path, key, () => npz.ReadPickled(key));
        }
        else
        {
            throw new CaseFormatException(path, PickledMetadataKey,
                $"missing: the file has neither '{MetadataJsonKey}' nor '{PickledMetadataKey}'");
        }

        if (node is not JsonObject values)
        {
            var kind = node?.GetValueKind() switch
            {
                null or System.Text.Json.JsonValueKind.Null => "null",
                System.Text.Json.JsonValueKind.Array => "a list",
                System.Text.Json.JsonValueKind.String => "a string",
                System.Text.Json.JsonValueKind.Number => "a number",
                _ => "a bool",
            };
            throw new CaseFormatException(path, key, $"holds {kind}, not a dict of metadata");
        }

        return CaseMetadata.FromValues(values, path);
    }

    private static JsonNode? ParseJsonMember(NpzReader npz, string key)
    {
        var array = npz.Read(key);
        if (array.Dtype.Kind != NpyKind.Unicode || array.Length != 1)
        {
            throw new NumpyFormatException(
                $"has dtype {array.Dtype.Name} and shape {NpyHeader.FormatShape(array.Shape)}, expected one numpy string");
        }

        try
        {
            return JsonNode.Parse(array.ToStringArray()[0]);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new NumpyFormatException($"is not valid JSON: {e.Message}", inner: e);
        }
    }
}
