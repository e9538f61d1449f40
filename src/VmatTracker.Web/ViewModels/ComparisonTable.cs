using VmatTracker.Data.Queries;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// The seed record's comparison table from stored data, one row per run: Val MAE (the minimum of <c>val/mae_gy</c>),
/// Test MAE, Gamma 3%/3mm, PTV-region gamma and PTV70 D95 gap (the latest evaluation's aggregates), training time,
/// then the MAE of every structure. Marks the best value in each column and, with a baseline, each value's delta.
/// When the runs' validation methods differ, Val MAE is not compared: no best is marked there and
/// <see cref="MixedValidation"/> says so.
/// </summary>
public sealed class ComparisonTable
{
    private readonly double?[][] _values;

    /// <summary>Builds the table for <paramref name="runs"/> (summary row and latest evaluation, if any).</summary>
    public ComparisonTable(IReadOnlyList<(RunListItem Run, EvaluationView? Evaluation)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Runs = [.. runs.Select(r => r.Run)];
        Methods = [.. Runs.Select(ValidationMethod.Of)];
        MixedValidation = Methods.Distinct().Count() > 1;
        var structures = runs.SelectMany(r => r.Evaluation?.Structures ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        Columns =
        [
            new("Val MAE (Gy)", Better.Lower, "min of val/mae_gy"),
            new("Test MAE (Gy)", Better.Lower, $"{ChosenEvaluation}: mean of the cases' MAE, else mae_gy_mean"),
            new("Gamma 3%/3mm (%)", Better.Higher, $"{ChosenEvaluation}: mean of the cases' gamma, else gamma_pass_rate_mean"),
            new("PTV gamma (%)", Better.Higher, $"{ChosenEvaluation}: mean of the cases' PTV-region gamma, else ptv_gamma_pass_rate_mean"),
            new("PTV70 D95 gap (Gy)", Better.NearZero, $"{ChosenEvaluation}: mean of the cases' PTV70 D95 gap (prediction − truth)"),
            new("Training time (h)", Better.Lower, "the trainer's total_time_sec, else the run's duration"),
            .. structures.Select(s => new ComparisonColumn($"MAE {s} (Gy)", Better.Lower, $"evaluation per_structure_mae {s} mean")),
        ];
        _values = [.. runs.Select(r => (double?[])[
            r.Run.Metrics.GetValueOrDefault("val/mae_gy")?.Min,
            r.Evaluation?.TestMae,
            r.Evaluation?.Gamma,
            r.Evaluation?.PtvGamma,
            r.Evaluation?.Ptv70D95Gap,
            TrainingTime.Seconds(r.Run) / 3600,
            .. structures.Select(s => r.Evaluation?.StructureMae(s)),
        ])];
    }

    private const string ChosenEvaluation = "the best checkpoint's evaluation, else the latest";

    /// <summary>The runs, in row order.</summary>
    public IReadOnlyList<RunListItem> Runs { get; }

    /// <summary>Each row's validation method (null when unknown).</summary>
    public IReadOnlyList<string?> Methods { get; }

    /// <summary>Whether the runs' validation metrics were computed differently (so Val MAE is not comparable).</summary>
    public bool MixedValidation { get; }

    /// <summary>The columns.</summary>
    public IReadOnlyList<ComparisonColumn> Columns { get; }

    /// <summary>A cell's value.</summary>
    public double? Value(int row, int column) => _values[row][column];

    /// <summary>Whether the cell holds its column's best value (ties are all best; a lone value is not marked).</summary>
    public bool IsBest(int row, int column)
    {
        if ((column == 0 && MixedValidation) || Value(row, column) is not { } value)
        {
            return false;
        }

        var present = Enumerable.Range(0, Runs.Count).Select(r => Value(r, column)).OfType<double>().ToList();
        if (present.Count < 2)
        {
            return false;
        }

        return Columns[column].Better switch
        {
            Better.Lower => value <= present.Min(),
            Better.Higher => value >= present.Max(),
            _ => Math.Abs(value) <= present.Min(Math.Abs),
        };
    }

    /// <summary>The cell's value minus the baseline row's, or null when either is missing or this is the baseline.</summary>
    public double? Delta(int row, int column, int? baselineRow) =>
        baselineRow is { } b && b != row && Value(row, column) is { } value && Value(b, column) is { } baseline
            ? value - baseline
            : null;

    /// <summary>The row of run <paramref name="runId"/>, or null.</summary>
    public int? RowOf(long? runId)
    {
        for (var i = 0; i < Runs.Count; i++)
        {
            if (Runs[i].Id == runId)
            {
                return i;
            }
        }

        return null;
    }
}
