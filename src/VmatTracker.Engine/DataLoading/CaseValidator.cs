using System.Globalization;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// Value checks on a case that was read: finite numbers, dose in [0, 1.5], SDF in [-1, 1], binary masks, and the
/// structure layout and constraints length its site expects. Structural problems (missing keys, dtypes, shapes) are
/// found by <see cref="CaseFile.Read"/> before this runs.
/// </summary>
public static class CaseValidator
{
    /// <summary>The highest normalised dose we accept: 1.5 × the prescription (105 Gy for prostate).</summary>
    public const float MaxNormalisedDose = 1.5f;

    /// <summary>
    /// Checks <paramref name="volume"/> read from <paramref name="file"/>; returns problems, warnings, and the site's
    /// structures whose mask is empty (absent).
    /// </summary>
    public static (List<string> Problems, List<string> Warnings, List<string> Absent) Validate(CaseVolume volume, string file)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var problems = new List<string>();
        var warnings = new List<string>();
        var absent = new List<string>();

        CheckFinite(volume.Ct, "ct", file, problems);
        var dose = CheckFinite(volume.Dose, "dose", file, problems);
        if (dose.Min < 0)
        {
            problems.Add(Say(file, "dose", $"{dose.Below(0)} negative values (min {dose.Min:0.####}); dose must be >= 0"));
        }

        if (dose.Max > MaxNormalisedDose)
        {
            problems.Add(Say(file, "dose",
                $"{dose.Above(MaxNormalisedDose)} values above {MaxNormalisedDose} (max {dose.Max:0.####}); dose must be normalised to the prescription"));
        }

        var sdf = CheckFinite(volume.Sdf, "masks_sdf", file, problems);
        if (sdf.Min < -1 || sdf.Max > 1)
        {
            problems.Add(Say(file, "masks_sdf",
                $"{sdf.Below(-1) + sdf.Above(1)} values outside [-1, 1] (min {sdf.Min:0.####}, max {sdf.Max:0.####}); SDFs must be clipped to ±50 mm and divided by 50"));
        }

        var nonBinary = volume.Masks.AsSpan().IndexOfAnyExcept((byte)0, (byte)1);
        if (nonBinary >= 0)
        {
            problems.Add(Say(file, "masks", $"holds the value {volume.Masks[nonBinary]}; masks must be 0 or 1"));
        }

        CheckFinite(volume.Constraints, "constraints", file, problems);
        CheckAgainstSite(volume, file, problems, warnings, absent);
        return (problems, warnings, absent);
    }

    private static void CheckAgainstSite(CaseVolume volume, string file, List<string> problems, List<string> warnings,
        List<string> absent)
    {
        if (!SiteCatalog.TryGet(volume.Metadata.Site, out var site))
        {
            var known = string.Join(", ", SiteCatalog.All.Select(s => s.Name));
            problems.Add(Say(file, "metadata.site", $"'{volume.Metadata.Site}' is not a known site ({known})"));
            return;
        }

        if (!site.AcceptsChannelCount(volume.ChannelCount))
        {
            var expected = site.RequiredChannelCount == site.Channels.Count
                ? $"{site.Channels.Count}"
                : $"{site.RequiredChannelCount} to {site.Channels.Count}";
            problems.Add(Say(file, "masks_sdf",
                $"has {volume.ChannelCount} structure channels; site {site.Name} expects {expected}"));
        }

        if (volume.Constraints.Length != site.Constraints.Count)
        {
            problems.Add(Say(file, "constraints",
                $"has {volume.Constraints.Length} values; site {site.Name} expects {site.Constraints.Count}"));
        }

        var listed = volume.Metadata.StructureChannels;
        if (listed is not null)
        {
            for (var c = 0; c < Math.Min(listed.Count, Math.Min(volume.ChannelCount, site.Channels.Count)); c++)
            {
                if (!string.Equals(listed[c], site.Channels[c].Name, StringComparison.OrdinalIgnoreCase))
                {
                    warnings.Add(Say(file, "metadata.structure_channels",
                        $"channel {c} is named '{listed[c]}' but site {site.Name} has '{site.Channels[c].Name}' there"));
                }
            }
        }

        for (var c = 0; c < Math.Min(volume.ChannelCount, site.Channels.Count); c++)
        {
            var name = site.Channels[c].Name;
            var present = volume.IsStructurePresent(c);
            if (!present)
            {
                absent.Add(name);
            }

            var listedAbsent = volume.Metadata.AbsentStructures.Contains(name, StringComparer.OrdinalIgnoreCase);
            if (present && listedAbsent)
            {
                problems.Add(Say(file, "metadata.absent_structures", $"lists {name}, but its mask is not empty"));
            }
            else if (!present && volume.SdfChannel(c).ContainsAnyExcept(1f))
            {
                warnings.Add(Say(file, "masks_sdf",
                    $"{name} is absent (empty mask) but its SDF is not +1.0 everywhere (v2.4 files use 0.0); losses treat it as absent by its mask"));
            }
        }
    }

    private static Range CheckFinite(float[] values, string key, string file, List<string> problems)
    {
        var range = Range.Of(values);
        if (range.NaN > 0 || range.Infinite > 0)
        {
            problems.Add(Say(file, key, $"has {range.NaN} NaN and {range.Infinite} infinite values"));
        }

        return range;
    }

    private static string Say(string file, string key, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"{file}: '{key}': {problem}");

    /// <summary>Min and max over finite values, with counts of non-finite ones and of values out of a bound.</summary>
    private readonly record struct Range(float Min, float Max, int NaN, int Infinite, float[] Values)
    {
        public static Range Of(float[] values)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            int nan = 0, infinite = 0;
            foreach (var v in values)
            {
                if (float.IsNaN(v))
                {
                    nan++;
                }
                else if (float.IsInfinity(v))
                {
                    infinite++;
                }
                else
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }

            return new Range(min, max, nan, infinite, values);
        }

        public int Below(float bound) => Values.Count(v => v < bound);

        public int Above(float bound) => Values.Count(v => v > bound);
    }
}
