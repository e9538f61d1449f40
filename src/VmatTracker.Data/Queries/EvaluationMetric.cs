namespace VmatTracker.Data.Queries;

/// <summary>
/// A headline number of a stored evaluation and how it is read: its per-case row names (the nested evaluation shape
/// first, then the reference's older flat one), a per-structure row that gives the same number, and the aggregate
/// name prefix. The run page, the compare page, <c>/api/compare</c>, <c>vmat runs show</c> and the report all read
/// these definitions, so a number is read one way everywhere.
/// </summary>
/// <param name="Title">What the number is called in tables.</param>
/// <param name="CaseMetrics">Per-case metric names (structure null), tried in order.</param>
/// <param name="StructureFallback">A per-case (structure, metric) row that gives the same number, when present.</param>
/// <param name="AggregateMetric">Aggregate name prefix: <c>{prefix}_mean</c> and <c>{prefix}_std</c>.</param>
public sealed record EvaluationMetric(string Title, IReadOnlyList<string> CaseMetrics,
    (string Structure, string Metric)? StructureFallback, string AggregateMetric)
{
    /// <summary>MAE over every voxel, in Gy.</summary>
    public static readonly EvaluationMetric TestMae = new("MAE (Gy)", ["dose_metrics.mae_gy", "mae_gy"], null, "mae_gy");

    /// <summary>Global gamma 3%/3mm pass rate, in %.</summary>
    public static readonly EvaluationMetric Gamma = new("Gamma 3%/3mm (%)",
        ["gamma.global_3mm3pct.gamma_pass_rate", "gamma.gamma_pass_rate"], null, "gamma_pass_rate");

    /// <summary>PTV-region gamma 3%/3mm pass rate, in %.</summary>
    public static readonly EvaluationMetric PtvGamma = new("PTV gamma (%)",
        ["gamma.ptv_region_3mm3pct.gamma_pass_rate", "ptv_gamma.gamma_pass_rate"], null, "ptv_gamma_pass_rate");

    /// <summary>PTV70 D95, predicted minus true, in Gy (negative: underdose).</summary>
    public static readonly EvaluationMetric Ptv70D95Gap = new("PTV70 D95 gap (Gy)", ["ptv70_d95_gap_gy"],
        ("PTV70", "dvh_metrics.D95_error"), "ptv70_d95_gap_gy");

    /// <summary>Share of clinical goals met, in %.</summary>
    public static readonly EvaluationMetric GoalsMet = new("Goals met (%)", ["clinical_constraints.compliance_rate"], null,
        "clinical_compliance_rate");

    /// <summary>The numbers with one value per test case, in the order tables show them.</summary>
    public static IReadOnlyList<EvaluationMetric> PerCase { get; } = [TestMae, Gamma, PtvGamma, Ptv70D95Gap, GoalsMet];
}
