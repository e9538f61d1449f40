namespace VmatTracker.Engine.Losses;

/// <summary>
/// Which loss terms a run uses and how they are weighted; property names follow the reference's flags
/// (--use_gradient_loss, --gradient_loss_weight, ...). Defaults are the reference's.
/// </summary>
public sealed record LossOptions
{
    /// <summary>--use_gradient_loss.</summary>
    public bool UseGradientLoss { get; init; }

    /// <summary>--gradient_loss_weight. Defaults to 0.1.</summary>
    public double GradientLossWeight { get; init; } = 0.1;

    /// <summary>--use_dvh_loss.</summary>
    public bool UseDvhLoss { get; init; }

    /// <summary>--dvh_loss_weight. Defaults to 0.5.</summary>
    public double DvhLossWeight { get; init; } = 0.5;

    /// <summary>The DVH loss's inner settings.</summary>
    public DvhAwareOptions Dvh { get; init; } = new();

    /// <summary>--use_structure_weighted.</summary>
    public bool UseStructureWeighted { get; init; }

    /// <summary>--structure_weighted_weight. Defaults to 1.0.</summary>
    public double StructureWeightedWeight { get; init; } = 1.0;

    /// <summary>The structure-weighted loss's inner settings.</summary>
    public StructureWeightedOptions Structure { get; init; } = new();

    /// <summary>--use_asymmetric_ptv.</summary>
    public bool UseAsymmetricPtv { get; init; }

    /// <summary>--asymmetric_ptv_weight. Defaults to 1.0.</summary>
    public double AsymmetricPtvWeight { get; init; } = 1.0;

    /// <summary>--asymmetric_underdose_weight. Defaults to 3.0.</summary>
    public double AsymmetricUnderdoseWeight { get; init; } = 3.0;

    /// <summary>--asymmetric_overdose_weight. Defaults to 1.0.</summary>
    public double AsymmetricOverdoseWeight { get; init; } = 1.0;

    /// <summary>--use_uncertainty_weighting: Kendall weighting replaces the manual weights.</summary>
    public bool UseUncertaintyWeighting { get; init; }

    /// <summary>Initial log σ per component (from --calibration_json); 0 when absent.</summary>
    public IReadOnlyDictionary<string, double>? InitialLogSigmas { get; init; }

    /// <summary>Problems with the options, one message each (negative weights and the like); empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (flag, value) in new[]
                 {
                     ("--gradient_loss_weight", GradientLossWeight), ("--dvh_loss_weight", DvhLossWeight),
                     ("--structure_weighted_weight", StructureWeightedWeight), ("--asymmetric_ptv_weight", AsymmetricPtvWeight),
                     ("--asymmetric_underdose_weight", AsymmetricUnderdoseWeight),
                     ("--asymmetric_overdose_weight", AsymmetricOverdoseWeight), ("--dvh_d95_weight", Dvh.D95Weight),
                     ("--dvh_vx_weight", Dvh.VxWeight), ("--dvh_dmean_weight", Dvh.DmeanWeight),
                     ("--structure_ptv_weight", Structure.PtvWeight),
                     ("--structure_oar_boundary_weight", Structure.OarBoundaryWeight),
                     ("--structure_background_weight", Structure.BackgroundWeight),
                 })
        {
            if (!double.IsFinite(value) || value < 0)
            {
                problems.Add($"{flag} must be a finite number >= 0, not {value}");
            }
        }

        if (!(Dvh.Temperature > 0))
        {
            problems.Add($"--dvh_temperature must be > 0, not {Dvh.Temperature}");
        }

        if (!(Structure.BoundaryWidthMm > 0))
        {
            problems.Add($"--structure_boundary_width_mm must be > 0, not {Structure.BoundaryWidthMm}");
        }

        return problems;
    }
}
