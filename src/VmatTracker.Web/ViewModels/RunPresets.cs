using VmatTracker.Engine.Training;
using VmatTracker.Runs.Presets;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// The new-run page's presets, from VmatTracker.Hosting (the same ones <c>vmat experiment reproduce-seed</c> uses): a
/// <see cref="RecipePreset"/> sets the loss terms (and the batch size the seed trained that recipe with), a
/// <see cref="SizeProfile"/> the model and schedule.
/// </summary>
public static class RunPresets
{
    /// <summary>The profile to offer first: "Reference" on a CUDA device, else "CPU quick".</summary>
    public static SizeProfile DefaultProfile(ComputeDevice device) => device is { IsCuda: true } ? SizeProfile.Full : SizeProfile.Demo;

    /// <summary><paramref name="options"/> with the recipe's loss terms (and its batch size, when it has one).</summary>
    public static TrainerOptions ApplyRecipe(TrainerOptions options, RecipePreset recipe)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recipe);
        return options with { Loss = recipe.Loss, BatchSize = recipe.BatchSize ?? options.BatchSize };
    }

    /// <summary><paramref name="options"/> with the profile's model size and schedule; a recipe's own batch size wins.</summary>
    public static TrainerOptions ApplyProfile(TrainerOptions options, SizeProfile profile, RecipePreset? recipe)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(profile);
        return options with
        {
            BaseChannels = profile.BaseChannels,
            PatchSize = profile.PatchSize,
            Epochs = profile.Epochs,
            Patience = profile.Patience,
            BatchSize = recipe?.BatchSize ?? profile.BatchSize,
            PatchesPerVolume = profile.PatchesPerVolume,
        };
    }
}
