using System.Globalization;
using System.Text;
using VmatTracker.Reports.Figures;

namespace VmatTracker.Reports.Markdown;

/// <summary>Results, statistics, figures and artifacts.</summary>
public static partial class ReportMarkdown
{
    private static void Results(StringBuilder text, ExperimentReport report)
    {
        text.AppendLine("## 6. Results").AppendLine().AppendLine("### 6.1 Training Summary");
        var summary = new MarkdownTable("Run", "Status", "Best epoch", "Best Val MAE", "Last epoch", "Training time");
        foreach (var run in report.Runs)
        {
            var item = run.Detail.Summary;
            var best = item.Metrics.TryGetValue(RunEvaluationReader.ValMaeKey, out var s) && s.MinEpoch is { } e
                ? e.ToString(CultureInfo.InvariantCulture) : $"n/a (no {RunEvaluationReader.ValMaeKey} epochs stored)";
            var last = run.Series.SelectMany(x => x.Points).Select(p => p.Epoch).Max() is { } l
                ? l.ToString(CultureInfo.InvariantCulture) : "n/a (no epochs stored)";
            summary.Row(Column(report, run), item.Status.ToString().ToLowerInvariant(), best,
                ReportText.Value(run.Key(ReportMetric.ValMae), ReportMetric.ValMae), last,
                ReportText.Value(run.Key(ReportMetric.TrainingTime), ReportMetric.TrainingTime));
        }

        summary.WriteTo(text);
        text.AppendLine("### 6.2 Test Set Results").AppendLine();
        foreach (var run in report.Runs)
        {
            CaseTable(text, report, run);
        }

        text.AppendLine("### 6.3 Comparison of the Runs");
        var comparison = new MarkdownTable(["Model", .. ReportMetric.KeyResults.Select(m => m.Title)]);
        foreach (var run in report.Runs)
        {
            comparison.Row([Column(report, run), .. ReportMetric.KeyResults.Select(m => ReportText.Value(run.Key(m), m))]);
        }

        comparison.WriteTo(text);
        Statistics(text, report);
        if (report.HasSeedGroups)
        {
            SeedGroupTable(text, report);
        }
    }

    private static void CaseTable(StringBuilder text, ExperimentReport report, RunReport run)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"#### {Column(report, run)} (run {run.Id})").AppendLine();
        if (run.Evaluation is null)
        {
            text.AppendLine("n/a (no test evaluation stored)").AppendLine();
            return;
        }

        var cases = ReportMetric.PerCase.SelectMany(m => run.Cases(m).Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var table = new MarkdownTable(["Case", .. ReportMetric.PerCase.Select(m => $"{m.Title} ({m.Unit})")]);
        foreach (var id in cases)
        {
            table.Row([id, .. ReportMetric.PerCase.Select(m => run.Cases(m).TryGetValue(id, out var v)
                ? ReportValue.Number(v, m.Decimals) : "n/a (not in the evaluation)")]);
        }

        table.Row(["**Mean**", .. ReportMetric.PerCase.Select(m => MarkdownTable.Bold(run.Key(m).Format(m.Decimals, string.Empty)))]);
        table.WriteTo(text);
    }

    private static void SeedGroupTable(StringBuilder text, ExperimentReport report)
    {
        text.AppendLine("### 6.5 Seed Groups");
        text.AppendLine("Runs that differ only by seed, as one recipe: mean ± population std over the seeds' values (n = runs with the value).").AppendLine();
        var table = new MarkdownTable(["Recipe", "Runs (seed)", .. ReportMetric.KeyResults.Select(m => m.Title)]);
        foreach (var recipe in report.Recipes)
        {
            var runs = string.Join(", ", recipe.Runs.Select(r => $"{r.Id} ({SeedOf(r.Detail.Summary)})"));
            table.Row([recipe == report.BaselineRecipe ? $"{recipe.Label} (baseline)" : recipe.Label, runs,
                .. ReportMetric.KeyResults.Select(m => ReportText.ValueWithCount(recipe.Summary[m.Id], m))]);
        }

        table.WriteTo(text);
    }

    private static void Statistics(StringBuilder text, ExperimentReport report)
    {
        text.AppendLine("### 6.4 Statistics Against the Baseline").AppendLine();
        if (report.Recipes.Count < 2)
        {
            text.AppendLine("n/a (every run is the baseline recipe: nothing to compare)").AppendLine();
            return;
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Per-case paired tests of each recipe against the baseline recipe ({report.BaselineRecipe.Label}); with several")
            .AppendLine("seeds a case's value is its mean over the seeds. Difference = recipe − baseline, mean over the paired cases with a")
            .AppendLine("bootstrap 95% CI (10,000 case resamples, percentile, fixed seed). Wilcoxon signed-rank, two-sided, zero differences")
            .AppendLine("dropped, exact for n ≤ 25 without ties, else normal approximation with tie and continuity corrections. Holm-Bonferroni")
            .AppendLine(CultureInfo.InvariantCulture, $"over one metric's tests of every recipe against the baseline. Fewer than {Engine.Statistics.PairedComparison.MinimumPairs} paired cases: no test.").AppendLine();
        foreach (var family in report.Comparisons)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"#### {family.Metric.Title}").AppendLine();
            var table = new MarkdownTable("Recipe", "Paired cases", "Mean difference [95% CI]", "Wilcoxon p", "Holm p");
            foreach (var (recipe, c) in family.Comparisons)
            {
                table.Row(recipe.Label, c.PairedCases.ToString(CultureInfo.InvariantCulture), ReportText.Interval(c, family.Metric),
                    ReportText.Wilcoxon(c), ReportText.Holm(c));
            }

            table.WriteTo(text);
        }
    }

    private static void Figures(StringBuilder text, IReadOnlyList<ReportFigure> figures)
    {
        text.AppendLine("## 7. Figures").AppendLine();
        for (var i = 0; i < figures.Count; i++)
        {
            var figure = figures[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"#### Figure {i + 1}: {figure.Title}");
            text.AppendLine(figure.Written ? $"![{figure.Title}](figures/{figure.FileName})" : $"n/a ({figure.Missing})").AppendLine();
        }
    }

    private static void Artifacts(StringBuilder text, ExperimentReport report)
    {
        text.AppendLine("## 10. Artifacts").AppendLine();
        var table = new MarkdownTable("Run", "Best checkpoint", "Test evaluation", "DVH curves");
        foreach (var run in report.Runs)
        {
            var best = run.Detail.Checkpoints.FirstOrDefault(c => c.IsBest);
            table.Row(Column(report, run), best is null ? "n/a (no best checkpoint stored)" : $"`{best.Path}`",
                run.Detail.ChosenEvaluation is not { } chosen ? "n/a (no test evaluation stored)"
                    : $"{chosen.Description}: `{chosen.Evaluation.Source ?? $"evaluation {chosen.Evaluation.Id}"}`",
                run.Dvh is { } dvh ? $"`{dvh.Source}`" : $"n/a ({run.DvhMissing})");
        }

        table.WriteTo(text);
        text.AppendLine("Figures: `figures/` beside this report.");
    }
}
