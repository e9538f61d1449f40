using VmatTracker.Engine.Training;
using VmatTracker.Runs.Presets;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class RunPresetsTests
{
    [Theory]
    [InlineData(true, "Reference")]
    [InlineData(false, "CPU quick")]
    public void DefaultProfile_ByDevice_ReferenceOnCudaCpuQuickOtherwise(bool isCuda, string expected)
    {
        // Act
        var profile = RunPresets.DefaultProfile(new ComputeDevice(isCuda ? "cuda:0" : "cpu", isCuda, isCuda ? 1 : 0, "2.10.0", 2));

        // Assert
        Assert.Equal(expected, profile.DisplayName);
    }

    [Fact]
    public void ApplyProfile_Reference_Base48Patch128And100Epochs()
    {
        // Act: the numbers for the "Reference" profile.
        var options = RunPresets.ApplyProfile(new TrainerOptions { BaseChannels = 8, PatchSize = 32, Epochs = 1 }, SizeProfile.Full, recipe: null);

        // Assert
        Assert.Equal((48, 128, 100), (options.BaseChannels, options.PatchSize, options.Epochs));
    }

    [Fact]
    public void ApplyRecipeThenProfile_StructureWeighted_GradientPlusStructureTermsAndTheSeedsBatchOfOne()
    {
        // Act
        var options = RunPresets.ApplyRecipe(new TrainerOptions(), RecipePreset.StructureWeighted);
        options = RunPresets.ApplyProfile(options, SizeProfile.Demo, RecipePreset.StructureWeighted);

        // Assert: the seed record's command: --use_gradient_loss 0.1 --use_structure_weighted 1.0 --batch_size 1.
        Assert.True(options.Loss.UseGradientLoss);
        Assert.Equal(0.1, options.Loss.GradientLossWeight);
        Assert.True(options.Loss.UseStructureWeighted);
        Assert.Equal(1.0, options.Loss.StructureWeightedWeight);
        Assert.False(options.Loss.UseDvhLoss);
        Assert.Equal(1, options.BatchSize);
        Assert.Equal((16, 48), (options.BaseChannels, options.PatchSize));
    }
}
