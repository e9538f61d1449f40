using VmatTracker.Engine.Losses;

namespace VmatTracker.Runs.Presets;

/// <summary>A loss recipe of the seed experiment, with the exact settings its record trained with.</summary>
/// <param name="Key">Stable identifier (recorded as the run's "recipe" tag).</param>
/// <param name="DisplayName">What a person reads.</param>
/// <param name="RunName">The run's name (the reference's exp_name) before the seed suffix.</param>
/// <param name="Loss">The loss terms and weights.</param>
/// <param name="BatchSize">The batch size this recipe was trained with, or null for the size profile's.</param>
/// <param name="Description">The recipe in the reference's flags.</param>
public sealed record RecipePreset(string Key, string DisplayName, string RunName, LossOptions Loss, int? BatchSize, string Description)
{
    /// <summary>MSE + 0.1·negative penalty only.</summary>
    public static RecipePreset Baseline { get; } = new("baseline", "Baseline", "baseline", new LossOptions(), null,
        "(no loss flags)");

    /// <summary>+ 0.1·3D Sobel gradient loss.</summary>
    public static RecipePreset Gradient { get; } = new("gradient", "Gradient 0.1", "grad_loss_0.1",
        new LossOptions { UseGradientLoss = true, GradientLossWeight = 0.1 }, null,
        "--use_gradient_loss --gradient_loss_weight 0.1");

    /// <summary>+ 0.1·gradient + 0.5·DVH-aware.</summary>
    public static RecipePreset DvhAware { get; } = new("dvh-aware", "Gradient 0.1 + DVH-aware 0.5", "dvh_aware_loss",
        new LossOptions { UseGradientLoss = true, GradientLossWeight = 0.1, UseDvhLoss = true, DvhLossWeight = 0.5 }, null,
        "--use_gradient_loss --gradient_loss_weight 0.1 --use_dvh_loss --dvh_loss_weight 0.5");

    /// <summary>+ 0.1·gradient + 1.0·structure-weighted MSE with the corrected τ, batch 1 as the seed.</summary>
    public static RecipePreset StructureWeighted { get; } = new("structure-weighted", "Gradient 0.1 + Structure-weighted 1.0",
        "structure_weighted_loss",
        new LossOptions
        {
            UseGradientLoss = true,
            GradientLossWeight = 0.1,
            UseStructureWeighted = true,
            StructureWeightedWeight = 1.0,
            Structure = new StructureWeightedOptions { TauMode = StructureTauMode.Corrected },
        }, 1,
        "--use_gradient_loss --gradient_loss_weight 0.1 --use_structure_weighted --structure_weighted_weight 1.0 --batch_size 1");

    /// <summary>The seed record's own structure-weighted run: the pilot's τ = 2.0, so the 0.5 background weight never
    /// applies (reference-spec 3.5). Only to reproduce the record's 31.2 % gamma run as it was trained.</summary>
    public static RecipePreset StructureWeightedPilotTau { get; } = new("structure-weighted-pilot-tau",
        "Gradient 0.1 + Structure-weighted 1.0 (pilot tau)", "structure_weighted_pilot_tau",
        StructureWeighted.Loss with { Structure = new StructureWeightedOptions { TauMode = StructureTauMode.Pilot } }, 1,
        StructureWeighted.Description + " --structure_tau_mode pilot");

    /// <summary>+ 0.1·gradient + 1.0·asymmetric PTV loss (under-dose 3 : over-dose 1), batch 1 as the pilot.</summary>
    public static RecipePreset AsymmetricPtv { get; } = new("asymmetric-ptv", "Gradient 0.1 + Asymmetric PTV 1.0 (3:1)", "asymmetric_ptv",
        new LossOptions
        {
            UseGradientLoss = true,
            GradientLossWeight = 0.1,
            UseAsymmetricPtv = true,
            AsymmetricPtvWeight = 1.0,
            AsymmetricUnderdoseWeight = 3.0,
            AsymmetricOverdoseWeight = 1.0,
        }, 1,
        "--use_gradient_loss --gradient_loss_weight 0.1 --use_asymmetric_ptv --asymmetric_ptv_weight 1.0 --batch_size 1");

    /// <summary>Every preset a New run form offers, in this order.</summary>
    public static IReadOnlyList<RecipePreset> All { get; } = [Baseline, Gradient, DvhAware, StructureWeighted, AsymmetricPtv, StructureWeightedPilotTau];
}
