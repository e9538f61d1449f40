using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Training;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// The new-run page's presets. A recipe sets the loss terms as the seed experiment's runs had them (reference-spec 3.7:
/// every recipe after the baseline adds its term to the 0.1 gradient loss); a size profile sets the model and the
/// schedule for the machine.
/// </summary>
public static class RunPresets
{
    /// <summary>Recipe names, in the seed record's order.</summary>
    public static readonly IReadOnlyList<string> Recipes = ["Baseline", "Gradient", "DVH-aware", "Structure-weighted", "Asymmetric PTV"];

    /// <summary>The profile for a CPU: fits the 64×64×48 phantoms at 4 mm and finishes in minutes.</summary>
    public const string CpuQuick = "CPU quick";

    /// <summary>The reference's size, for a GPU.</summary>
    public const string Reference = "Reference";

    /// <summary>Size profile names.</summary>
    public static readonly IReadOnlyList<string> Profiles = [CpuQuick, Reference];

    /// <summary>The profile to offer first on <paramref name="device"/>.</summary>
    public static string DefaultProfile(ComputeDevice device) => device is { IsCuda: true } ? Reference : CpuQuick;

    /// <summary>The loss terms of recipe <paramref name="recipe"/> (the other loss settings kept).</summary>
    public static LossOptions ApplyRecipe(LossOptions loss, string recipe)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var none = loss with
        {
            UseGradientLoss = false,
            UseDvhLoss = false,
            UseStructureWeighted = false,
            UseAsymmetricPtv = false,
            UseUncertaintyWeighting = false,
        };
        var gradient = none with { UseGradientLoss = true, GradientLossWeight = 0.1 };
        return recipe switch
        {
            "Baseline" => none,
            "Gradient" => gradient,
            "DVH-aware" => gradient with { UseDvhLoss = true, DvhLossWeight = 0.5 },
            "Structure-weighted" => gradient with { UseStructureWeighted = true, StructureWeightedWeight = 1.0 },
            "Asymmetric PTV" => gradient with
            {
                UseAsymmetricPtv = true,
                AsymmetricPtvWeight = 1.0,
                AsymmetricUnderdoseWeight = 3.0,
                AsymmetricOverdoseWeight = 1.0,
            },
            _ => throw new ArgumentException($"'{recipe}' is not a recipe ({string.Join(", ", Recipes)})", nameof(recipe)),
        };
    }

    /// <summary>Model size and schedule of profile <paramref name="profile"/> (everything else kept).</summary>
    public static TrainerOptions ApplyProfile(TrainerOptions options, string profile)
    {
        ArgumentNullException.ThrowIfNull(options);
        return profile switch
        {
            // Base 16: libtorch's CPU backward misbehaves for widths that are not multiples of 16 (the trainer warns).
            CpuQuick => options with { BaseChannels = 16, PatchSize = 32, Epochs = 10, BatchSize = 2, PatchesPerVolume = 2, Patience = 10 },
            Reference => options with { BaseChannels = 48, PatchSize = 128, Epochs = 100, BatchSize = 2, PatchesPerVolume = 4, Patience = 50 },
            _ => throw new ArgumentException($"'{profile}' is not a size profile ({string.Join(", ", Profiles)})", nameof(profile)),
        };
    }
}
