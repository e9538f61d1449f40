using VmatTracker.Engine.Losses;
using static TorchSharp.torch;
using static VmatTracker.Tests.Engine.Losses.LossFixtures;

namespace VmatTracker.Tests.Engine.Losses;

[Collection(TorchCollection.Name)]
public sealed class LossRecipeTests
{
    [Fact]
    public void Compute_GradientAndStructure_TotalIsTheManualSumAndEveryTermIsLogged()
    {
        // Arrange: the seed's structure-weighted recipe
        var options = new LossOptions { UseGradientLoss = true, UseStructureWeighted = true };
        using var recipe = new LossRecipe(options, Roles);
        using var condition = Condition(2, 8);
        SetInside(condition, 0, 0, 100);
        SetInside(condition, 1, 3, 60);
        manual_seed(3);
        using var target = rand([2L, 1, 8, 8, 8], dtype: ScalarType.Float64);
        using var prediction = rand([2L, 1, 8, 8, 8], dtype: ScalarType.Float64) - 0.2;
        var batch = new LossBatch(prediction, target, condition, Presence(condition));

        // Act
        var output = recipe.Compute(batch);

        // Assert
        var expected = Item(output.Logged["mse_loss"]) + (0.1 * Item(output.Logged["neg_penalty"]))
                       + (0.1 * Item(output.Logged["grad_loss"])) + (1.0 * Item(output.Logged["struct_weighted_loss"]));
        Assert.Equal(expected, Item(output.Total), 10);
        Assert.Equal(["base", "gradient", "structure"], recipe.ComponentNames);
        Assert.Contains("struct_weight/background_mse", output.Logged.Keys);
        Assert.DoesNotContain("dvh_loss", output.Logged.Keys);
    }

    [Fact]
    public void Compute_Baseline_IsMsePlusTenthOfNegativePenalty()
    {
        // Arrange
        using var recipe = new LossRecipe(new LossOptions(), Roles);
        using var condition = Condition(1, 4);
        using var target = zeros([1L, 1, 4, 4, 4], dtype: ScalarType.Float64);
        using var prediction = full([1L, 1, 4, 4, 4], -0.5, dtype: ScalarType.Float64);

        // Act
        var output = recipe.Compute(new LossBatch(prediction, target, condition, Presence(condition)));

        // Assert: 0.25 + 0.1 · 0.5
        Assert.Equal(0.30, Item(output.Total), 12);
    }

    [Fact]
    public void Constructor_NegativeWeight_NamesTheFlag()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => new LossRecipe(new LossOptions { DvhLossWeight = -1 }, Roles));

        // Assert
        Assert.Contains("--dvh_loss_weight", error.Message, StringComparison.Ordinal);
    }
}
