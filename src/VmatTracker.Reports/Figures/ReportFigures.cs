using ScottPlot;

namespace VmatTracker.Reports.Figures;

/// <summary>
/// The report's figures as PNG (ScottPlot 5, rendered by SkiaSharp without a display): model comparison bars,
/// training curves, per-case metrics and cumulative DVHs. A figure without data is not drawn; its entry says why.
/// </summary>
public static class ReportFigures
{
    private static readonly string[] s_preferredStructures = ["PTV70", "PTV56", "Rectum", "Bladder"];

    /// <summary>Draws every figure into <paramref name="folder"/>; returns one entry per figure, drawn or not.</summary>
    public static IReadOnlyList<ReportFigure> Render(ExperimentReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        return
        [
            Draw(folder, "fig1_model_comparison.png", "Model comparison", () => ModelComparison(report)),
            Draw(folder, "fig2_training_curves.png", "Training curves", () => TrainingCurves(report)),
            Draw(folder, "fig3_case_metrics.png", "Per-case test metrics", () => CaseMetrics(report)),
            Draw(folder, "fig4_dvh.png", "Cumulative DVH", () => DvhCurves(report)),
        ];
    }

    private static ReportFigure Draw(string folder, string file, string title, Func<(List<Plot> Panels, string? Missing)> build)
    {
        var (panels, missing) = build();
        if (panels.Count == 0)
        {
            return new ReportFigure(file, title, missing ?? "no data");
        }

        try
        {
            FigureStyle.Save(panels, Path.Combine(folder, file));
            return new ReportFigure(file, title, null);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or TypeInitializationException or DllNotFoundException)
        {
            // A figure that cannot be drawn (a plotting edge case, missing native SkiaSharp) must not cost the report.
            return new ReportFigure(file, title, $"rendering failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static (List<Plot>, string?) ModelComparison(ExperimentReport report)
    {
        var panels = new List<Plot>();
        var labels = report.Runs.Select(r => r.Label).ToList();
        double[] positions = [.. Enumerable.Range(0, labels.Count).Select(i => (double)i)];
        foreach (var metric in new[] { ReportMetric.TestMae, ReportMetric.Gamma, ReportMetric.PtvGamma, ReportMetric.D95Gap })
        {
            var values = report.Runs.Select(r => r.Key(metric)).ToList();
            if (!values.Any(v => v.HasValue))
            {
                continue;
            }

            var plot = new Plot();
            List<Bar> bars = [.. values.Select((v, i) => new Bar
            {
                Position = i,
                Value = v.Value ?? 0,
                Error = v.Std ?? 0,
                FillColor = FigureStyle.Run(i),
                IsVisible = v.HasValue,
            })];
            plot.Add.Bars(bars);
            FigureStyle.Categories(plot, labels, positions);
            FigureStyle.BarLimits(plot, values.Where(v => v.HasValue).SelectMany(v => new[] { v.Value!.Value - (v.Std ?? 0), v.Value!.Value + (v.Std ?? 0) }));
            plot.Title(metric.Title);
            plot.YLabel(metric.Unit);
            panels.Add(plot);
        }

        return (panels, "no run has a test evaluation");
    }

    private static (List<Plot>, string?) TrainingCurves(ExperimentReport report)
    {
        var panels = new List<Plot>();
        foreach (var (keys, title) in new[] { (new[] { RunEvaluationReader.ValMaeKey }, "Validation MAE (Gy)"), (["train/loss_epoch", "train/loss"], "Training loss") })
        {
            var plot = new Plot();
            var drawn = false;
            for (var i = 0; i < report.Runs.Count; i++)
            {
                var run = report.Runs[i];
                var points = keys.Select(run.SeriesOf).FirstOrDefault(s => s.Any(p => p.Value is not null)) ?? [];
                var finite = points.Where(p => p.Value is not null).ToList();
                if (finite.Count == 0)
                {
                    continue;
                }

                var xs = finite.Select(p => (double)(p.Epoch ?? p.Step)).ToArray();
                var ys = finite.Select(p => p.Value!.Value).ToArray();
                var line = plot.Add.Scatter(xs, ys, FigureStyle.Run(i));
                line.LegendText = run.Label;
                line.MarkerSize = finite.Count > 40 ? 0 : 4;
                if (keys[0] == RunEvaluationReader.ValMaeKey)
                {
                    var best = Array.IndexOf(ys, ys.Min());
                    plot.Add.Marker(xs[best], ys[best], MarkerShape.OpenCircle, 12, FigureStyle.Run(i));
                }

                drawn = true;
            }

            if (drawn)
            {
                plot.Title(title);
                plot.XLabel(report.Runs.SelectMany(r => r.Series).SelectMany(s => s.Points).Any(p => p.Epoch is not null) ? "epoch" : "step");
                plot.ShowLegend();
                panels.Add(plot);
            }
        }

        return (panels, "no training series stored");
    }

    private static (List<Plot>, string?) CaseMetrics(ExperimentReport report)
    {
        var panels = new List<Plot>();
        foreach (var metric in new[] { ReportMetric.TestMae, ReportMetric.Gamma })
        {
            var cases = report.Runs.SelectMany(r => r.Cases(metric).Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            if (cases.Count == 0)
            {
                continue;
            }

            var plot = new Plot();
            var width = 0.8 / report.Runs.Count;
            var bars = new List<Bar>();
            for (var i = 0; i < report.Runs.Count; i++)
            {
                var values = report.Runs[i].Cases(metric);
                bars.AddRange(cases.Select((c, k) => new Bar
                {
                    Position = k - 0.4 + (width * (i + 0.5)),
                    Size = width,
                    Value = values.TryGetValue(c, out var v) ? v : 0,
                    IsVisible = values.ContainsKey(c),
                    FillColor = FigureStyle.Run(i),
                }));
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = report.Runs[i].Label, FillColor = FigureStyle.Run(i) });
            }

            plot.Add.Bars(bars);
            FigureStyle.BarLimits(plot, bars.Where(b => b.IsVisible).Select(b => b.Value));
            FigureStyle.Categories(plot, cases, [.. Enumerable.Range(0, cases.Count).Select(k => (double)k)]);
            plot.Title($"{metric.Title} per test case");
            plot.YLabel(metric.Unit);
            plot.ShowLegend();
            panels.Add(plot);
        }

        return (panels, "no per-case test values stored");
    }

    private static (List<Plot>, string?) DvhCurves(ExperimentReport report)
    {
        var withDvh = report.Runs.Where(r => r.Dvh is not null).ToList();
        if (withDvh.Count == 0)
        {
            return ([], string.Join("; ", report.Runs.Select(r => $"{r.Label}: {r.DvhMissing}").Distinct()));
        }

        // One representative case: the first that every run with curves has.
        var caseId = withDvh[0].Dvh!.Cases.Keys.Order(StringComparer.Ordinal)
            .FirstOrDefault(c => withDvh.All(r => r.Dvh!.Cases.ContainsKey(c))) ?? withDvh[0].Dvh!.Cases.Keys.Order(StringComparer.Ordinal).First();
        var structures = withDvh[0].Dvh!.Cases[caseId].Keys.ToList();
        var preferred = s_preferredStructures.Where(structures.Contains).ToList();
        var shown = (preferred.Count > 0 ? preferred : structures).Take(4).ToList();
        var panels = new List<Plot>();
        foreach (var structure in shown)
        {
            var plot = new Plot();
            var truthDrawn = false;
            foreach (var run in withDvh)
            {
                if (!run.Dvh!.Cases.TryGetValue(caseId, out var curves) || !curves.TryGetValue(structure, out var curve))
                {
                    continue;
                }

                if (!truthDrawn)
                {
                    var truth = plot.Add.ScatterLine(curve.DoseGy, curve.TruthPercent, FigureStyle.Truth);
                    truth.LegendText = "ground truth";
                    truthDrawn = true;
                }

                var predicted = plot.Add.ScatterLine(curve.DoseGy, curve.PredictedPercent, FigureStyle.Run(report.Runs.ToList().IndexOf(run)));
                predicted.LinePattern = LinePattern.Dashed;
                predicted.LegendText = run.Label;
            }

            plot.Title($"{structure} ({caseId})");
            plot.XLabel("dose (Gy)");
            plot.YLabel("volume (%)");
            plot.ShowLegend();
            panels.Add(plot);
        }

        return (panels, "no structure curves");
    }
}
