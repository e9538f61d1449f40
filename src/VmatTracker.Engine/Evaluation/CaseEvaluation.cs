using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Metrics;

namespace VmatTracker.Engine.Evaluation;

/// <summary>Everything computed for one case: metrics, gamma, DVHs, clinical goals, and what was sanitised.</summary>
public sealed record CaseEvaluation
{
    /// <summary>The case ID.</summary>
    public required string CaseId { get; init; }

    /// <summary>Voxel spacing of the case.</summary>
    public required VoxelSpacing Spacing { get; init; }

    /// <summary>Voxel-wise dose errors.</summary>
    public required DoseMetrics Dose { get; init; }

    /// <summary>Whole-volume gamma (3 %/3 mm global, 10 % cutoff, max_gamma 2 unless configured otherwise).</summary>
    public required GammaResult Gamma { get; init; }

    /// <summary>Gamma over the dilated PTV union; null when the case has no target.</summary>
    public GammaResult? PtvRegionGamma { get; init; }

    /// <summary>DVH comparison per present structure, in channel order.</summary>
    public required IReadOnlyList<StructureDvh> Dvhs { get; init; }

    /// <summary>Channel names of structures whose mask is empty.</summary>
    public required IReadOnlyList<string> AbsentStructures { get; init; }

    /// <summary>The site's clinical goals checked on the prediction.</summary>
    public required ClinicalGoalReport ClinicalGoals { get; init; }

    /// <summary>OpenKBP's exact per-structure errors when the case has a possible-dose mask (an OpenKBP import); null otherwise.</summary>
    public OpenKbp.OpenKbpPatientScore? OpenKbp { get; init; }

    /// <summary>OpenKBP dose score (Gy): exact with the case's possible-dose mask, else with the body (CT above -500 HU)
    /// standing in for it.</summary>
    public double? OpenKbpDoseScore { get; init; }

    /// <summary>OpenKBP DVH score (Gy) over the present structures (targets: D99/D95/D1; others: D0.1cc, mean).</summary>
    public double? OpenKbpDvhScore { get; init; }

    /// <summary>Problems found in the prediction and how they were handled (NaN/Inf/negative set to 0, high doses).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Predicted minus true PTV70 D95 in Gy (negative = underdose); null without PTV70.</summary>
    public double? Ptv70D95GapGy => Dvhs.FirstOrDefault(d => d.Name == "PTV70") is { } ptv
        ? ptv.Predicted.Dx["D95"] - ptv.Truth.Dx["D95"]
        : null;
}
