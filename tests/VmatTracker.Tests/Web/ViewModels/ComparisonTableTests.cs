using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class ComparisonTableTests
{
    // The seed record's table (section 6.3): Val MAE, Test MAE, Gamma, Training time of its four runs.
    private static readonly (string Name, double Val, double Test, double Gamma, double Hours)[] s_seed =
    [
        ("Baseline", 3.73, 1.43, 14.2, 2.55),
        ("Grad Loss", 3.67, 1.44, 27.9, 1.85),
        ("DVH-Aware", 3.61, 0.95, 27.7, 11.2),
        ("Struct-Weight", 2.91, 1.40, 31.2, 2.62),
    ];

    [Fact]
    public void IsBest_SeedRuns_MarksTheSeedRecordsBoldValues()
    {
        // Arrange
        var table = SeedTable(method: _ => "random-patch");

        // Act
        var best = Enumerable.Range(0, 4).Select(column =>
            string.Join(",", Enumerable.Range(0, 4).Where(row => table.IsBest(row, column)).Select(row => table.Runs[row].Name))).ToList();

        // Assert: the seed bolds Struct-Weight's Val MAE and Gamma and DVH-Aware's Test MAE; the fastest is Grad Loss.
        Assert.Equal(["Struct-Weight", "DVH-Aware", "Struct-Weight", "", "", "Grad Loss"], [.. best, Best(table, 4), Best(table, 5)]);
    }

    [Fact]
    public void Delta_BaselineRun_EveryOtherRowShowsItsDifference()
    {
        // Arrange
        var table = SeedTable(method: _ => "whole-volume");
        var baseline = table.RowOf(1);

        // Act
        var valDelta = table.Delta(3, 0, baseline);
        var gammaDelta = table.Delta(1, 2, baseline);
        var self = table.Delta(0, 0, baseline);

        // Assert
        Assert.Equal(0, baseline);
        Assert.Equal(2.91 - 3.73, valDelta!.Value, 10);
        Assert.Equal(27.9 - 14.2, gammaDelta!.Value, 10);
        Assert.Null(self);
        Assert.Null(table.Delta(3, 0, null));
    }

    [Fact]
    public void MixedValidation_ReferenceAndWholeVolumeRuns_FlaggedAndValMaeNotMarked()
    {
        // Arrange: imported reference runs validate on random patches; one of ours on whole volumes.
        var table = SeedTable(method: name => name == "Struct-Weight" ? "whole-volume" : null, referenceTag: true);

        // Act
        var valBest = Enumerable.Range(0, 4).Any(row => table.IsBest(row, 0));

        // Assert
        Assert.True(table.MixedValidation);
        Assert.Equal(["random-patch", "random-patch", "random-patch", "whole-volume"], table.Methods);
        Assert.False(valBest);
        Assert.True(table.IsBest(2, 1));
    }

    [Fact]
    public void IsBest_GapColumn_SmallestMagnitudeWins()
    {
        // Arrange
        var runs = new[] { -2.0, 0.5, -0.3 }.Select((gap, i) => (Run(i + 1, $"r{i}", 3, 1), Evaluation(1, 20, gap))).ToList();
        var table = new ComparisonTable([.. runs]);

        // Act
        var best = Enumerable.Range(0, 3).Where(row => table.IsBest(row, 4)).ToList();

        // Assert
        Assert.Equal([2], best);
    }

    [Fact]
    public void TrainingTime_TrainerTotalRecorded_ShownInsteadOfTheRunDuration()
    {
        // Arrange: run 1 ran 3 h from start to finish but trained 2 h (its training_summary.json total); run 2 has only
        // its duration (an imported run's is its total_time_sec).
        var threeHours = Run(1, "trained", 3, hours: 3);
        var trained = threeHours with
        {
            Metrics = new Dictionary<string, MetricSummaryView>(threeHours.Metrics) { [TrainingTime.MetricKey] = new(7200, 4, 7200, 4, 7200, 5, 1, 0) },
        };
        var table = new ComparisonTable([(trained, Evaluation(1, 20, null)), (Run(2, "imported", 3, hours: 2.5), Evaluation(1, 20, null))]);

        // Act
        var hours = Enumerable.Range(0, 2).Select(row => table.Value(row, 5)).ToList();

        // Assert
        Assert.Equal("Training time (h)", table.Columns[5].Title);
        Assert.Equal([2.0, 2.5], hours);
    }

    private static string Best(ComparisonTable table, int column) =>
        string.Join(",", Enumerable.Range(0, table.Runs.Count).Where(row => table.IsBest(row, column)).Select(row => table.Runs[row].Name));

    private static ComparisonTable SeedTable(Func<string, string?> method, bool referenceTag = false) =>
        new([.. s_seed.Select((s, i) => (Run(i + 1, s.Name, s.Val, s.Hours, method(s.Name), referenceTag), Evaluation(s.Test, s.Gamma, null)))]);

    private static RunListItem Run(long id, string name, double valMae, double hours, string? method = null, bool reference = false) =>
        new(id, "exp", name, RunStatus.Completed, DateTime.UnixEpoch, null, null, hours * 3600, false, null,
            method is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["val_metrics"] = method },
            reference ? new Dictionary<string, string> { ["source"] = "reference" } : new Dictionary<string, string>(),
            new Dictionary<string, MetricSummaryView> { ["val/mae_gy"] = new(valMae, 3, valMae + 2, 0, valMae, 10, 5, 0) });

    private static EvaluationView Evaluation(double testMae, double gamma, double? gap) => new(TestEvaluation.Of(values: [
            new RunEvaluationValue(null, null, "mae_gy_mean", testMae),
            new RunEvaluationValue(null, null, "gamma_pass_rate_mean", gamma),
            .. gap is { } g ? [new RunEvaluationValue(null, null, "ptv70_d95_gap_gy_mean", g)] : Array.Empty<RunEvaluationValue>(),
        ]));
}
