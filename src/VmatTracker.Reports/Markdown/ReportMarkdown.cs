using System.Globalization;
using System.Text;
using VmatTracker.Data.Queries;
using VmatTracker.Reports.Figures;

namespace VmatTracker.Reports.Markdown;

/// <summary>
/// report.md in the shape of the user's experiment record (Overview with key results, Reproducibility, Dataset,
/// Method, Training configuration, Results, Figures, Analysis, Limitations, Artifacts). It only formats what the
/// <see cref="ExperimentReport"/> read from the store; a missing value prints as "n/a (reason)".
/// </summary>
public static partial class ReportMarkdown
{
    /// <summary>The whole report; <paramref name="figures"/> are the figures written beside it.</summary>
    public static string Write(ExperimentReport report, IReadOnlyList<ReportFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(figures);
        var text = new StringBuilder();
        var names = string.Join(", ", report.Runs.Select(r => r.Label));
        text.AppendLine(CultureInfo.InvariantCulture, $"# Experiment report: {names}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Generated:** {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"**Runs:** {string.Join(", ", report.Runs.Select(r => $"{r.Id} ({r.Label})"))}  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"**Baseline:** run {report.Baseline.Id} ({report.Baseline.Label})  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"**Status:** {string.Join(", ", report.Runs.Select(r => r.Detail.Summary.Status.ToString().ToLowerInvariant()).Distinct())}")
            .AppendLine().AppendLine("---").AppendLine();

        Overview(text, report);
        Reproducibility(text, report);
        Dataset(text, report);
        Method(text, report);
        Configuration(text, report);
        Results(text, report);
        Figures(text, figures);
        text.AppendLine("## 8. Analysis").AppendLine().AppendLine("_For the author: what the results show and why._").AppendLine();
        text.AppendLine("## 9. Limitations").AppendLine().AppendLine("_For the author: test-set size, seeds, what does not generalise._").AppendLine();
        Artifacts(text, report);
        return text.ToString();
    }

    private static void Overview(StringBuilder text, ExperimentReport report)
    {
        text.AppendLine("## 1. Overview").AppendLine().AppendLine("### Key Results");
        var table = new MarkdownTable(["Metric", .. report.Runs.Select(r => Column(report, r))]);
        foreach (var metric in ReportMetric.KeyResults)
        {
            var values = report.Runs.Select(r => r.Key(metric)).ToList();
            var best = Best(values, metric);
            table.Row([metric.Title, .. values.Select((v, i) => i == best ? MarkdownTable.Bold(ReportText.Value(v, metric)) : ReportText.Value(v, metric))]);
        }

        table.WriteTo(text);
        text.AppendLine("Val MAE is the best `val/mae_gy` of training; test values are mean ± population std over the test cases of")
            .AppendLine("the run's evaluation (of its best checkpoint when linked); the best value of each row is in bold.").AppendLine();
    }

    private static void Reproducibility(StringBuilder text, ExperimentReport report)
    {
        text.AppendLine("## 2. Reproducibility Information").AppendLine();
        foreach (var run in report.Runs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### Run {run.Id}: {Column(report, run)}").AppendLine();
            if (run.Detail.Provenance is not { } p)
            {
                text.AppendLine("- n/a (no provenance stored for this run)").AppendLine();
                continue;
            }

            var state = p.SourceDirty switch { true => "with uncommitted changes", false => "clean", _ => "state unknown" };
            text.AppendLine(CultureInfo.InvariantCulture, $"- **Commit:** {Code(p.SourceCommit, "not recorded")} (branch {p.SourceBranch ?? "n/a"}, {state})");
            text.AppendLine(CultureInfo.InvariantCulture, $"- **Working folder:** {p.WorkingFolder ?? "n/a (not recorded)"}{(p.WorkingFolderCommit is { } c ? $" (commit `{c}`)" : string.Empty)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"- **Environment:** {Environment(p)}");
            text.AppendLine("- **Command to reproduce:**").AppendLine();
            text.AppendLine("```sh").AppendLine(p.CommandLine ?? "n/a (no command line recorded)").AppendLine("```").AppendLine();
        }
    }

    private static string Environment(RunProvenance p)
    {
        var parts = new List<string>
        {
            $"OS {p.OperatingSystem ?? "n/a"}",
            $"runtime {p.RuntimeVersion ?? "n/a"}",
            $"TorchSharp {p.TorchSharpVersion ?? "n/a"} (libtorch {p.LibTorchVersion ?? "n/a"})",
            $"device {p.Device ?? "n/a"}",
        };
        if (p.GpuName is { } gpu)
        {
            parts.Add(p.GpuMemoryBytes is { } bytes ? $"GPU {gpu} ({bytes / (1024.0 * 1024 * 1024):F0} GB)" : $"GPU {gpu}");
        }

        if (p.CudaVersion is { } cuda)
        {
            parts.Add($"CUDA {cuda}");
        }

        parts.Add($"{(p.CpuThreads is { } t ? t.ToString(CultureInfo.InvariantCulture) : "n/a")} CPU threads");
        parts.Add($"host {p.Host ?? "n/a"}");
        return string.Join("; ", parts);
    }

    private static void Dataset(StringBuilder text, ExperimentReport report)
    {
        text.AppendLine("## 3. Dataset Information").AppendLine();
        var table = new MarkdownTable("Run", "Total cases", "Train", "Validation", "Test", "Seed", "Data version", "Fingerprint");
        foreach (var run in report.Runs)
        {
            var d = run.Detail.Dataset;
            var seed = SeedOf(run.Detail.Summary);
            if (d is null)
            {
                table.Row(Column(report, run), "n/a (no dataset stored)", "n/a", "n/a", "n/a", seed, "n/a", "n/a");
                continue;
            }

            var total = d.CaseCount ?? (d.TrainCaseIds.Count + d.ValidationCaseIds.Count + d.TestCaseIds.Count);
            table.Row(Column(report, run), total > 0 ? total.ToString(CultureInfo.InvariantCulture) : "n/a (not recorded)",
                Share(d.TrainCaseIds.Count, total), Share(d.ValidationCaseIds.Count, total), Share(d.TestCaseIds.Count, total),
                seed, d.DataVersion ?? "n/a", d.Fingerprint is { } f ? $"`{f[..Math.Min(12, f.Length)]}`" : "n/a");
        }

        table.WriteTo(text);
        foreach (var split in report.Runs.Where(r => r.Detail.Dataset is not null)
                     .GroupBy(r => SplitText(r.Detail.Dataset!), StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"**Split of run {string.Join(", ", split.Select(r => r.Id))}** (data folder {split.First().Detail.Dataset!.Path ?? "n/a"}):").AppendLine();
            text.AppendLine(split.Key).AppendLine();
        }
    }

    private static string SplitText(RunDataset d) =>
        $"- Train: {Ids(d.TrainCaseIds)}\n- Validation: {Ids(d.ValidationCaseIds)}\n- Test: {Ids(d.TestCaseIds)}";

    private static string Ids(IReadOnlyList<string> ids) => ids.Count == 0 ? "n/a (not recorded)" : string.Join(", ", ids);

    private static string Share(int count, int total) => count == 0 ? "n/a (not recorded)"
        : total > 0 ? string.Create(CultureInfo.InvariantCulture, $"{count} ({100.0 * count / total:F0}%)") : count.ToString(CultureInfo.InvariantCulture);

    private static void Method(StringBuilder text, ExperimentReport report)
    {
        text.AppendLine("## 4. Method").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"What each run changes against the baseline (run {report.Baseline.Id}, {report.Baseline.Label}), from the stored configurations:").AppendLine();
        var baseline = report.Baseline.Detail.Summary.Params;
        foreach (var run in report.Runs.Where(r => r != report.Baseline))
        {
            var changes = Differences(baseline, run.Detail.Summary.Params).Where(k => !SeedGroups.IsSeedOrOutput(k)).ToList();
            var list = changes.Count == 0 ? "no configuration change (another seed or a repeat)"
                : string.Join("; ", changes.Select(k => $"`{k}`: {Param(baseline, k)} → {Param(run.Detail.Summary.Params, k)}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{run.Label}** (run {run.Id}): {list}");
        }

        text.AppendLine();
    }

    private static void Configuration(StringBuilder text, ExperimentReport report)
    {
        text.AppendLine("## 5. Training Configuration").AppendLine();
        var keys = report.Runs.SelectMany(r => r.Detail.Summary.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            text.AppendLine("n/a (no configuration parameters stored)").AppendLine();
            return;
        }

        var table = new MarkdownTable(["Parameter", .. report.Runs.Select(r => Column(report, r))]);
        foreach (var key in keys)
        {
            var values = report.Runs.Select(r => Param(r.Detail.Summary.Params, key)).ToList();
            var differs = values.Distinct(StringComparer.Ordinal).Count() > 1;
            table.Row([differs ? $"**{key}**" : key, .. values.Select(v => differs ? $"**{v}**" : v)]);
        }

        table.WriteTo(text);
        text.AppendLine("Parameters in **bold** differ between the runs.").AppendLine();
    }

    internal static IEnumerable<string> Differences(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
        a.Keys.Union(b.Keys).Order(StringComparer.Ordinal).Where(k => Param(a, k) != Param(b, k));

    private static string Param(IReadOnlyDictionary<string, object?> parameters, string key) =>
        parameters.TryGetValue(key, out var value) ? ReportText.Parameter(value) : "n/a";

    private static string SeedOf(RunListItem run) =>
        run.Params.Where(p => p.Key.Split('.')[^1] == "seed").Select(p => ReportText.Parameter(p.Value)).FirstOrDefault()
        ?? "n/a (no seed parameter)";

    internal static string Column(ExperimentReport report, RunReport run) =>
        run == report.Baseline ? $"{run.Label} (baseline)" : run.Label;

    private static string Code(string? value, string missing) => value is null ? $"n/a ({missing})" : $"`{value}`";

    // Index of the best value of a row (lowest, highest or closest to zero), or -1 when fewer than two have one.
    private static int Best(IReadOnlyList<ReportValue> values, ReportMetric metric)
    {
        var present = values.Select((v, i) => (v.Value, i)).Where(x => x.Value is not null).ToList();
        if (present.Count < 2)
        {
            return -1;
        }

        Func<double, double> score = metric.Better switch { > 0 => v => -v, < 0 => v => v, _ => Math.Abs };
        return present.MinBy(x => score(x.Value!.Value)).i;
    }
}
