using System.Globalization;
using VmatTracker.Engine.Training;

namespace VmatTracker.Runs.Presets;

/// <summary>One run of a planned experiment: which recipe, which seed, and the options it trains with.</summary>
/// <param name="Recipe">The loss recipe.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Options">Everything the trainer needs.</param>
/// <param name="Tags">Labels to record with it (recipe, size, seed, and baseline on the baseline's runs).</param>
public sealed record PlannedRun(RecipePreset Recipe, int Seed, TrainerOptions Options, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// The comparison of the seed record (shared/seed/000_c878709a75d5ea5b.txt): Baseline; Gradient 0.1; Gradient 0.1 +
/// DVH-aware 0.5; Gradient 0.1 + Structure-weighted 1.0 at batch 1 with the corrected τ; optionally the record's own
/// pilot-τ structure-weighted run as a fifth. Scaled by a <see cref="SizeProfile"/>; each seed repeats every recipe.
/// </summary>
public static class SeedExperiment
{
    /// <summary>The experiment name runs are filed under unless the caller names another.</summary>
    public const string DefaultExperimentName = "seed-reproduction";

    /// <summary>The seed record's four recipes, in its table's order.</summary>
    public static IReadOnlyList<RecipePreset> Recipes { get; } =
        [RecipePreset.Baseline, RecipePreset.Gradient, RecipePreset.DvhAware, RecipePreset.StructureWeighted];

    /// <summary>
    /// The runs, recipe-major within each seed (seed 42's four, then seed 43's ...). Names are
    /// <c>&lt;recipe run name&gt;_s&lt;seed&gt;</c>; <paramref name="adjust"/> may change each run's options last (tests
    /// shrink them; the CLI applies --epochs).
    /// </summary>
    public static IReadOnlyList<PlannedRun> Plan(string dataDir, string logDir, SizeProfile size, IReadOnlyList<int> seeds,
        bool includePilotTau, Func<TrainerOptions, TrainerOptions>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("at least one seed is needed", nameof(seeds));
        }

        var recipes = includePilotTau ? [.. Recipes, RecipePreset.StructureWeightedPilotTau] : Recipes;
        var runs = new List<PlannedRun>();
        foreach (var seed in seeds)
        {
            foreach (var recipe in recipes)
            {
                var options = ForRecipe(recipe, size) with
                {
                    ExpName = $"{recipe.RunName}_s{seed.ToString(CultureInfo.InvariantCulture)}",
                    DataDir = dataDir,
                    LogDir = logDir,
                    Seed = seed,
                };
                var tags = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["recipe"] = recipe.Key,
                    ["size"] = size.Key,
                    ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
                };
                if (recipe == RecipePreset.Baseline)
                {
                    tags["baseline"] = "true";
                }

                runs.Add(new PlannedRun(recipe, seed, adjust is null ? options : adjust(options), tags));
            }
        }

        return runs;
    }

    /// <summary>The trainer's options for one recipe at one size (everything else at the reference's defaults).</summary>
    public static TrainerOptions ForRecipe(RecipePreset recipe, SizeProfile size)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(size);
        return new TrainerOptions
        {
            ExpName = recipe.RunName,
            Loss = recipe.Loss,
            BaseChannels = size.BaseChannels,
            PatchSize = size.PatchSize,
            Epochs = size.Epochs,
            Patience = size.Patience,
            BatchSize = recipe.BatchSize ?? size.BatchSize,
            PatchesPerVolume = size.PatchesPerVolume,
        };
    }

    /// <summary>The dashboard's compare page for <paramref name="runIds"/>, the first as baseline.</summary>
    public static string ComparePath(IReadOnlyList<long> runIds)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var ids = string.Join(',', runIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        return $"/compare?runs={ids}&baseline={runIds[0].ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The report command for <paramref name="runIds"/>.</summary>
    public static string ReportCommand(IReadOnlyList<long> runIds)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        return "vmat report --runs " + string.Join(',', runIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Parses "42" or "42, 43" into distinct seeds (0 or more), in order; otherwise says which part is wrong.
    /// The CLI's --seeds and the dashboard's seed page share it.</summary>
    public static bool TryParseSeeds(string text, out List<int> seeds, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        seeds = [];
        problem = "";
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) || seed < 0)
            {
                problem = $"'{part}' is not a seed (a whole number of 0 or more); give e.g. 42 or 42,43";
                return false;
            }

            if (!seeds.Contains(seed))
            {
                seeds.Add(seed);
            }
        }

        return true;
    }
}
