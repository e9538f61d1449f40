using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Evaluation;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Tests.Engine.Metrics;

public sealed class CaseEvaluatorTests
{
    private static readonly PhantomOptions s_small = new() { Shape = new VolumeShape(32, 32, 24), Spacing = new VoxelSpacing(8, 8, 8) };

    [Fact]
    public void Evaluate_PerfectPrediction_PassesGammaWithZeroErrors()
    {
        // Arrange
        var truth = PhantomGenerator.GenerateCase(0, s_small);

        // Act
        var result = CaseEvaluator.Evaluate(truth, truth.Dose, new EvaluationOptions(), cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(0, result.Dose.MaeGy);
        Assert.Equal(100.0, result.Gamma.PassRate);
        Assert.Equal(100.0, result.PtvRegionGamma!.PassRate);
        Assert.Equal(0.0, result.Ptv70D95GapGy);
        Assert.Empty(result.Warnings);
        Assert.Contains(result.Dvhs, d => d.Name == "Rectum");
        Assert.Equal(0.0, result.OpenKbpDoseScore);
        Assert.Equal(0.0, result.OpenKbpDvhScore);
    }

    [Fact]
    public void Evaluate_UnderdosedPrediction_HasNegativeD95Gap()
    {
        // Arrange
        var truth = PhantomGenerator.GenerateCase(0, s_small);
        var prediction = truth.Dose.Select(d => d * 0.95f).ToArray();

        // Act
        var result = CaseEvaluator.Evaluate(truth, prediction, new EvaluationOptions(), cancellationToken: TestContext.Current.CancellationToken);

        // Assert: 5 % of PTV70's D95 (about 70 Gy) is about 3.5 Gy.
        Assert.InRange(result.Ptv70D95GapGy!.Value, -3.8, -3.2);
        Assert.True(result.OpenKbpDvhScore > 0);
    }

    [Fact]
    public void Evaluate_ZeroDoseTruthAndEmptyStructure_WarnsInsteadOfFailing()
    {
        // Arrange: zero dose everywhere and the bowel mask emptied.
        var phantom = PhantomGenerator.GenerateCase(0, s_small);
        var masks = (byte[])phantom.Masks.Clone();
        Array.Clear(masks, 7 * phantom.Shape.VoxelCount, phantom.Shape.VoxelCount);
        var truth = new CaseVolume
        {
            CaseId = phantom.CaseId,
            Shape = phantom.Shape,
            Ct = phantom.Ct,
            Dose = new float[phantom.Dose.Length],
            Masks = masks,
            Sdf = phantom.Sdf,
            ChannelCount = phantom.ChannelCount,
            Constraints = phantom.Constraints,
            Metadata = phantom.Metadata,
        };

        // Act
        var result = CaseEvaluator.Evaluate(truth, phantom.Dose, new EvaluationOptions(), cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains(result.Warnings, w => w.Contains("zero everywhere", StringComparison.Ordinal));
        Assert.Null(result.Gamma.PassRate);
        Assert.Contains("Bowel", result.AbsentStructures);
        Assert.Null(result.Dose.MaeGyAbove10Pct);
    }
}
