using System.Text.Json.Nodes;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// A case's metadata: the raw key/value tree (a pickled dict in reference files, JSON in ours) plus the fields the
/// product resolves from it. Keys follow the reference (voxel_spacing_mm, target_spacing_mm, case_id, ...); ours adds
/// <c>site</c> and <c>absent_structures</c>.
/// </summary>
public sealed class CaseMetadata
{
    /// <summary>The site assumed when a case names none.</summary>
    public const string DefaultSite = "prostate";

    private CaseMetadata(JsonObject values, VoxelSpacing spacing, SpacingSource source, string site,
        IReadOnlyList<string> absent, IReadOnlyList<string>? channels)
    {
        Values = values;
        Spacing = spacing;
        SpacingSource = source;
        Site = site;
        AbsentStructures = absent;
        StructureChannels = channels;
    }

    /// <summary>Every key as stored (numpy scalars become numbers, tuples and arrays become lists).</summary>
    public JsonObject Values { get; }

    /// <summary>Spacing from voxel_spacing_mm, else target_spacing_mm, else (1, 1, 2) mm.</summary>
    public VoxelSpacing Spacing { get; }

    /// <summary>Which key the spacing came from.</summary>
    public SpacingSource SpacingSource { get; }

    /// <summary>The treatment site (metadata <c>site</c>; prostate when absent).</summary>
    public string Site { get; }

    /// <summary>Structures listed as absent (metadata <c>absent_structures</c>; empty when the key is missing).</summary>
    public IReadOnlyList<string> AbsentStructures { get; }

    /// <summary>Channel names as listed in the file (<c>structure_channels</c>), or null when not listed.</summary>
    public IReadOnlyList<string>? StructureChannels { get; }

    /// <summary>The case ID stored in the metadata, if any.</summary>
    public string? CaseId => Values["case_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    /// <summary>Resolves the typed fields; throws <see cref="CaseFormatException"/> naming <paramref name="file"/>.</summary>
    public static CaseMetadata FromValues(JsonObject values, string file)
    {
        ArgumentNullException.ThrowIfNull(values);
        var (spacing, source) = ResolveSpacing(values, file);
        var site = values["site"] switch
        {
            null => DefaultSite,
            JsonValue v when v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) => s,
            _ => throw new CaseFormatException(file, "metadata.site", "must be a non-empty string"),
        };
        var absent = ReadStringList(values, "absent_structures", file) ?? [];
        var channels = ReadChannelNames(values, file);
        return new CaseMetadata(values, spacing, source, site, absent, channels);
    }

    private static (VoxelSpacing, SpacingSource) ResolveSpacing(JsonObject values, string file)
    {
        foreach (var (key, source) in new[]
                 {
                     ("voxel_spacing_mm", SpacingSource.VoxelSpacingMm),
                     ("target_spacing_mm", SpacingSource.TargetSpacingMm),
                 })
        {
            if (values[key] is null)
            {
                continue;
            }

            if (values[key] is not JsonArray array || array.Count != 3)
            {
                throw new CaseFormatException(file, $"metadata.{key}", "must be three numbers (Y, X, Z) in mm");
            }

            var mm = new double[3];
            for (var i = 0; i < 3; i++)
            {
                if (array[i] is not JsonValue value || !value.TryGetValue<double>(out mm[i])
                    || !double.IsFinite(mm[i]) || mm[i] <= 0)
                {
                    throw new CaseFormatException(file, $"metadata.{key}",
                        $"element {i} is '{array[i]?.ToJsonString()}', not a positive number of mm");
                }
            }

            return (new VoxelSpacing(mm[0], mm[1], mm[2]), source);
        }

        return (VoxelSpacing.ReferenceDefault, SpacingSource.ReferenceDefault);
    }

    private static List<string>? ReadChannelNames(JsonObject values, string file)
    {
        // v2.2 files store structure_channels as {index: name}; ours store a list of names.
        if (values["structure_channels"] is JsonObject byIndex)
        {
            var names = new SortedDictionary<int, string>();
            foreach (var (key, node) in byIndex)
            {
                if (int.TryParse(key, out var index) && node is JsonValue v && v.TryGetValue<string>(out var name))
                {
                    names[index] = name;
                }
            }

            return [.. names.Values];
        }

        return ReadStringList(values, "structure_channels", file);
    }

    private static List<string>? ReadStringList(JsonObject values, string key, string file)
    {
        if (values[key] is null)
        {
            return null;
        }

        if (values[key] is not JsonArray array)
        {
            throw new CaseFormatException(file, $"metadata.{key}", "must be a list of names");
        }

        var list = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue v || !v.TryGetValue<string>(out var name))
            {
                throw new CaseFormatException(file, $"metadata.{key}", $"'{item?.ToJsonString()}' is not a name");
            }

            list.Add(name);
        }

        return list;
    }
}
