using System.Text.Json;
using VmatTracker.Data.Queries;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// One stored evaluation as the run and compare pages read it: aggregates, per-case values and clinical goals, all
/// taken from the evaluation's stored rows and document (never recomputed). Accepts both the nested gamma shape
/// (<c>gamma.global_3mm3pct.gamma_pass_rate</c>) and the reference's older flat one (<c>gamma.gamma_pass_rate</c>).
/// </summary>
public sealed class EvaluationView
{
    /// <summary>Per-case columns: each a title and its metric names (first found wins), from the one definition.</summary>
    public static readonly IReadOnlyList<(string Title, IReadOnlyList<string> Metrics)> CaseColumns =
        [.. EvaluationMetric.PerCase.Select(m => (m.Title, m.CaseMetrics))];

    private readonly Dictionary<(string? Case, string? Structure, string Metric), double?> _values = [];

    /// <summary>Reads <paramref name="evaluation"/>; <paramref name="source"/> says where it comes from, when chosen by
    /// the run's rule (<see cref="EvaluationChoice"/>).</summary>
    public EvaluationView(RunEvaluation evaluation, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        Evaluation = evaluation;
        Source = source;
        foreach (var value in evaluation.Values)
        {
            _values[(value.CaseId, value.Structure, value.Metric)] = value.Value;
        }

        Cases = [.. evaluation.Values.Where(v => v.CaseId is not null).Select(v => v.CaseId!).Distinct().Order(StringComparer.Ordinal)];
        Structures = [.. evaluation.Values.Where(v => v.CaseId is null && v.Structure is not null && v.Metric.StartsWith("per_structure_mae", StringComparison.Ordinal))
            .Select(v => v.Structure!).Distinct().Order(StringComparer.Ordinal)];
        Goals = ClinicalGoalMatrix.Read(evaluation.DocumentJson);
    }

    /// <summary>The stored evaluation.</summary>
    public RunEvaluation Evaluation { get; }

    /// <summary>Where the numbers come from (e.g. "best checkpoint epoch=012.ckpt"), when chosen by the run's rule.</summary>
    public string? Source { get; }

    /// <summary>Evaluated cases.</summary>
    public IReadOnlyList<string> Cases { get; }

    /// <summary>Structures with an aggregate per-structure MAE.</summary>
    public IReadOnlyList<string> Structures { get; }

    /// <summary>The clinical goals per case, when the document has them.</summary>
    public ClinicalGoalMatrix Goals { get; }

    /// <summary>Test MAE in Gy: the mean over the cases, else the stored aggregate (<see cref="EvaluationNumbers"/>).</summary>
    public double? TestMae => Headline(EvaluationMetric.TestMae);

    /// <summary>Gamma 3%/3mm pass rate, mean over cases.</summary>
    public double? Gamma => Headline(EvaluationMetric.Gamma);

    /// <summary>PTV-region gamma pass rate, mean over cases.</summary>
    public double? PtvGamma => Headline(EvaluationMetric.PtvGamma);

    /// <summary>PTV70 D95 gap (prediction minus truth), mean over cases.</summary>
    public double? Ptv70D95Gap => Headline(EvaluationMetric.Ptv70D95Gap);

    /// <summary>Share of clinical goals met, mean over cases.</summary>
    public double? GoalsMet => Headline(EvaluationMetric.GoalsMet);

    /// <summary>The view of the number a run's chosen evaluation gives, or null when the run has none.</summary>
    public static EvaluationView? Of(RunDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return detail.ChosenEvaluation is { } chosen ? new EvaluationView(chosen.Evaluation, chosen.Description) : null;
    }

    private double? Headline(EvaluationMetric metric) => EvaluationNumbers.Headline(Evaluation, metric)?.Mean;

    /// <summary>An aggregate value (no case, no structure).</summary>
    public double? Aggregate(string metric) => _values.GetValueOrDefault((null, null, metric));

    /// <summary>The aggregate per-structure MAE of <paramref name="structure"/>.</summary>
    public double? StructureMae(string structure) => _values.GetValueOrDefault((null, structure, "per_structure_mae.mean"));

    /// <summary>A case value: the first of <paramref name="metrics"/> stored for the case (whole-case, no structure).</summary>
    public double? CaseValue(string caseId, IEnumerable<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var metric in metrics)
        {
            if (_values.TryGetValue((caseId, null, metric), out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The folder of the evaluation file, where <c>dvh/&lt;case&gt;.json</c> lives; null when unknown.</summary>
    public string? OutputFolder => Evaluation.Source is { Length: > 0 } source && Path.IsPathRooted(source)
        ? (Directory.Exists(source) ? source : Path.GetDirectoryName(source))
        : null;

    /// <summary>Reads the DVH curves of <paramref name="caseId"/>, or says why there are none.</summary>
    public DvhCurves ReadDvh(string caseId) => DvhCurves.Read(OutputFolder, caseId);

    internal static JsonDocument? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
