using System.Globalization;
using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Geometry;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Engine.Phantoms;

/// <summary>
/// Synthetic prostate VMAT cases for CPU-only training and tests (dose-science section 3): random anatomy, a CT and a
/// deterministic arc dose computed from them, packed as a <see cref="CaseVolume"/> of the data contract. The same seed
/// and options always give identical arrays.
/// </summary>
public static class PhantomGenerator
{
    /// <summary>Generator name written to metadata.generator.name.</summary>
    public const string Name = "vmattracker-phantom";

    /// <summary>Generator version written to metadata.generator.version; bump it when the output changes.</summary>
    public const int Version = 1;

    /// <summary>Written to metadata.data_version.</summary>
    public const string DataVersion = "phantom-1";

    /// <summary>Case <paramref name="index"/> of the dataset seeded by <paramref name="options"/>.Seed, named case_NNNN.</summary>
    public static CaseVolume GenerateCase(int index, PhantomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Generate(string.Create(CultureInfo.InvariantCulture, $"case_{index:D4}"), CaseSeed(options.Seed, index), options);
    }

    /// <summary>
    /// The seed of case <paramref name="index"/> in a dataset: a SplitMix64 hash of (dataset seed, index), so a case
    /// does not depend on how many cases the dataset holds.
    /// </summary>
    public static ulong CaseSeed(int datasetSeed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var state = unchecked((ulong)datasetSeed) ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1));
        return SeededRandom.SplitMix64(ref state);
    }

    /// <summary>
    /// Cases 0 … <paramref name="count"/> − 1 of the dataset seeded by <paramref name="options"/>.Seed, generated lazily
    /// one at a time (a 64 × 64 × 48 case holds about 20 MB of arrays).
    /// </summary>
    public static IEnumerable<CaseVolume> GenerateDataset(int count, PhantomOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(options);
        for (var i = 0; i < count; i++)
        {
            yield return GenerateCase(i, options);
        }
    }

    /// <summary>Generates one case from an int seed; the same as the <see cref="ulong"/> overload with that value.</summary>
    public static CaseVolume Generate(string caseId, int seed, PhantomOptions options) =>
        Generate(caseId, unchecked((ulong)seed), options);

    /// <summary>Generates one case from <paramref name="seed"/>.</summary>
    public static CaseVolume Generate(string caseId, ulong seed, PhantomOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (shape, spacing) = (options.Shape, options.Spacing);
        var site = SiteCatalog.Default;

        var anatomy = AnatomyBuilder.Build(new SeededRandom(seed), shape, spacing);
        var doseGy = DosePlanner.Plan(anatomy, shape, spacing);

        var n = shape.VoxelCount;
        var channels = anatomy.ChannelMasks.ToList();
        if (options.ChannelCount == 9)
        {
            // PTV50.4 needs a third dose level this model does not plan, so 9-channel cases carry it as absent.
            channels.Add(new byte[n]);
        }

        var names = site.Channels.Take(options.ChannelCount).Select(c => c.Name).ToArray();
        var masks = new byte[channels.Count * n];
        var sdf = new float[channels.Count * n];
        Parallel.For(0, channels.Count, c =>
        {
            channels[c].CopyTo(masks, c * n);
            SignedDistance.ComputeNormalized(channels[c], shape, spacing).CopyTo(sdf, c * n);
        });

        var absent = names.Where((_, c) => channels[c].AsSpan().IndexOfAnyExcept((byte)0) < 0).ToArray();
        var present = names.Except(absent, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var metadata = BuildMetadata(caseId, seed, options, names, absent);
        return new CaseVolume
        {
            CaseId = caseId,
            Shape = shape,
            Ct = NormalizeCt(anatomy.Hu),
            Dose = doseGy.Select(d => (float)Math.Max(0.0, d / site.PrescriptionGy)).ToArray(),
            Masks = masks,
            Sdf = sdf,
            ChannelCount = channels.Count,
            Constraints = site.BuildConstraints(present),
            Metadata = CaseMetadata.FromValues(metadata, caseId),
        };
    }

    private static float[] NormalizeCt(double[] hu)
    {
        var ct = new float[hu.Length];
        for (var i = 0; i < hu.Length; i++)
        {
            ct[i] = (float)((Math.Clamp(hu[i], -1000.0, 3000.0) / 4000.0) + 0.5);
        }

        return ct;
    }

    private static JsonObject BuildMetadata(string caseId, ulong seed, PhantomOptions options, string[] names, string[] absent)
    {
        var (shape, spacing) = (options.Shape, options.Spacing);
        return new JsonObject
        {
            ["case_id"] = caseId,
            ["site"] = "prostate",
            ["voxel_spacing_mm"] = new JsonArray(spacing.Y, spacing.X, spacing.Z),
            ["volume_shape"] = new JsonArray(shape.Y, shape.X, shape.Z),
            ["structure_channels"] = new JsonArray([.. names.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["absent_structures"] = new JsonArray([.. absent.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["sdf_clip_mm"] = SignedDistance.ClipMm,
            ["normalization_dose_gy"] = DosePlanner.PrimaryGy,
            ["prescription_info"] = new JsonObject
            {
                ["primary_dose"] = DosePlanner.PrimaryGy,
                ["boost_dose"] = 70.0,
                ["elective_dose"] = 56.0,
                ["fractions"] = 28,
                ["case_type"] = "sib_2level",
            },
            ["case_type"] = "sib_2level",
            ["generator"] = new JsonObject
            {
                ["name"] = Name,
                ["version"] = Version,
                ["seed"] = seed,
                ["beams"] = BeamDoseModel.BeamCount,
                ["rectum_sparing_weight"] = BeamDoseModel.RectumSparingWeight,
            },
            ["data_version"] = DataVersion,
        };
    }
}
