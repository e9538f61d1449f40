using System.Globalization;
using System.Text.Json;
using VmatTracker.Data.Queries;
using VmatTracker.Engine.Statistics;

namespace VmatTracker.Reports;

/// <summary>
/// Groups runs that differ only by seed. Runs with a store group key are grouped by it; the others by their
/// parameters with the seed, the run and experiment names and the output paths left out, so two seeds of one
/// recipe fall together and anything else that differs keeps them apart.
/// </summary>
public static class SeedGroups
{
    // Parameter names (the last dotted part, lower case) that may differ between seeds of one recipe.
    private static readonly HashSet<string> s_ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "seed", "exp_name", "experiment", "name", "run_name", "timestamp",
        "log_dir", "output_dir", "out_dir", "out", "output", "checkpoint_dir", "save_dir", "predictions_dir", "run_dir",
    };

    /// <summary>Whether a parameter name is one that seeds of one recipe may differ in.</summary>
    public static bool IsSeedOrOutput(string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var last = parameter[(parameter.LastIndexOf('.') + 1)..];
        return s_ignored.Contains(last);
    }

    /// <summary>The recipe a run belongs to.</summary>
    public static string RecipeKey(RunListItem run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!string.IsNullOrEmpty(run.GroupKey))
        {
            return "group:" + run.GroupKey;
        }

        var kept = run.Params.Where(p => !IsSeedOrOutput(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => Text(p.Value), StringComparer.Ordinal);
        return "config:" + JsonSerializer.Serialize(kept);
    }

    /// <summary>The recipes of <paramref name="runs"/>, in the order their first run appears.</summary>
    public static IReadOnlyList<RecipeGroup> Group(IReadOnlyList<RunReport> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return [.. runs.GroupBy(r => RecipeKey(r.Detail.Summary), StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, [.. g]))];
    }

    /// <summary>
    /// One recipe's summary: per key metric, the mean and population std over its runs' values (runs without the
    /// value are left out and counted); per per-case metric, each case's mean over the runs that have it.
    /// </summary>
    public static RecipeGroup Summarize(string key, IReadOnlyList<RunReport> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("a recipe needs at least one run", nameof(runs));
        }

        var summary = new Dictionary<string, ReportValue>(StringComparer.Ordinal);
        foreach (var metric in ReportMetric.KeyResults)
        {
            var values = runs.Select(r => r.Key(metric)).Where(v => v.HasValue).Select(v => v.Value!.Value).ToList();
            if (values.Count == 0)
            {
                summary[metric.Id] = ReportValue.NotAvailable(runs[0].Key(metric).Missing ?? "no run has it");
                continue;
            }

            var (mean, std) = Descriptive.MeanAndPopulationStd(values);
            summary[metric.Id] = ReportValue.MeanOf(mean, std, values.Count);
        }

        var caseMeans = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var metric in ReportMetric.PerCase)
        {
            caseMeans[metric.Id] = runs.SelectMany(r => r.Cases(metric)).GroupBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Average(c => c.Value), StringComparer.Ordinal);
        }

        var names = runs.Select(r => r.Detail.Summary.Name).Distinct(StringComparer.Ordinal).ToList();
        return new RecipeGroup(key, names.Count == 1 ? names[0] : runs[0].Label, runs, summary, caseMeans);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
