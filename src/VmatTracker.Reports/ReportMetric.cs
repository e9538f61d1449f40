using VmatTracker.Data.Queries;

namespace VmatTracker.Reports;

/// <summary>
/// A metric the report shows: how to read it from a stored evaluation (its per-case row names in the nested and the
/// older flat evaluation shape, or its aggregate names), how to print it and which direction is better.
/// </summary>
/// <param name="Id">Short identifier used in code and figure names.</param>
/// <param name="Title">Column or row title, as the seed record names it.</param>
/// <param name="Unit">Unit printed after the value ("Gy", "%", "h").</param>
/// <param name="Decimals">Decimals printed.</param>
/// <param name="Better">Which values are better: -1 lower, +1 higher, 0 closest to zero (a signed gap).</param>
/// <param name="Evaluated">How it is read from a stored evaluation (the dashboard's definition); null for numbers that
/// do not come from an evaluation.</param>
public sealed record ReportMetric(string Id, string Title, string Unit, int Decimals, int Better, EvaluationMetric? Evaluated)
{
    /// <summary>Best validation MAE during training: the minimum of <c>val/mae_gy</c>.</summary>
    public static readonly ReportMetric ValMae = new("val_mae", "Val MAE", "Gy", 2, -1, null);

    /// <summary>Test MAE over every voxel (reference-spec 4.3).</summary>
    public static readonly ReportMetric TestMae = new("test_mae", "Test MAE", "Gy", 2, -1, EvaluationMetric.TestMae);

    /// <summary>Global gamma 3%/3mm pass rate.</summary>
    public static readonly ReportMetric Gamma = new("gamma", "Gamma (3%/3mm)", "%", 1, 1, EvaluationMetric.Gamma);

    /// <summary>PTV-region gamma 3%/3mm pass rate.</summary>
    public static readonly ReportMetric PtvGamma = new("ptv_gamma", "PTV gamma (3%/3mm)", "%", 1, 1, EvaluationMetric.PtvGamma);

    /// <summary>PTV70 D95 gap, predicted − true (negative: underdose).</summary>
    public static readonly ReportMetric D95Gap = new("ptv70_d95_gap", "PTV70 D95 gap", "Gy", 2, 0, EvaluationMetric.Ptv70D95Gap);

    /// <summary>Wall time of training.</summary>
    public static readonly ReportMetric TrainingTime = new("training_time", "Training time", "h", 2, -1, null);

    /// <summary>The key-results rows, in the seed record's order.</summary>
    public static IReadOnlyList<ReportMetric> KeyResults { get; } = [ValMae, TestMae, Gamma, PtvGamma, D95Gap, TrainingTime];

    /// <summary>The metrics with one value per test case: per-case tables and paired tests.</summary>
    public static IReadOnlyList<ReportMetric> PerCase { get; } = [TestMae, Gamma, PtvGamma, D95Gap];
}
