using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Evaluation;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Tests.Engine.OpenKbp;

/// <summary>
/// The evaluation of a case with a possible-dose mask scores what an OpenKBP submission would hold (the prediction
/// inside the mask, negatives zero) and aggregates as OpenKBP does; the expected values are computed here with plain
/// loops, independently of the scorer.
/// </summary>
public sealed class OpenKbpEvaluationTests
{
    private const double Rx = 70; // the phantom's prostate prescription: normalised dose × 70 = Gy
    private static readonly PhantomOptions s_small = new() { Shape = new VolumeShape(32, 32, 24), Spacing = new VoxelSpacing(8, 8, 8) };

    [Fact]
    public void Evaluate_WithPossibleDoseMask_ScoresTheSubmittedPrediction()
    {
        // Arrange: the mask is the dosed region; the prediction is 10 % hot, negative in a corner of it and hot outside it
        var truth = PhantomGenerator.GenerateCase(0, s_small);
        var mask = truth.Dose.Select(d => d > 0.05f ? (byte)1 : (byte)0).ToArray();
        var prediction = truth.Dose.Select(d => d * 1.1f).ToArray();
        var firstInside = Array.IndexOf(mask, (byte)1);
        var firstOutside = Array.IndexOf(mask, (byte)0);
        prediction[firstInside] = -0.2f;
        prediction[firstOutside] = 0.8f;

        // Act
        var result = CaseEvaluator.Evaluate(truth, prediction, new EvaluationOptions(), mask, TestContext.Current.CancellationToken);

        // Assert: dose error = Σ|truth − submitted| / voxels in the mask
        var submitted = prediction.Select((p, i) => mask[i] == 1 && p > 0 ? p * Rx : 0).ToArray();
        var expectedDoseError = truth.Dose.Select((d, i) => Math.Abs((d * Rx) - submitted[i])).Sum() / mask.Count(m => m == 1);
        Assert.Equal(expectedDoseError, result.OpenKbpDoseScore!.Value, 1e-9);
        Assert.NotNull(result.OpenKbp);

        // An organ's mean-dose error over its voxels, and the metric names per role
        var rectum = ChannelMask(truth, "Rectum");
        double MeanOver(Func<int, double> dose) => Enumerable.Range(0, rectum.Length).Where(i => rectum[i] == 1).Average(dose);
        var expectedMeanError = Math.Abs(MeanOver(i => truth.Dose[i] * Rx) - MeanOver(i => submitted[i]));
        Assert.Equal(expectedMeanError, result.OpenKbp!.DvhErrors["Rectum"]["mean"], 1e-9);
        Assert.Equal(["D_0.1_cc", "mean"], result.OpenKbp.DvhErrors["Rectum"].Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["D_1", "D_95", "D_99"], result.OpenKbp.DvhErrors["PTV70"].Keys.Order(StringComparer.Ordinal));
        Assert.Equal(result.OpenKbp.DvhError, result.OpenKbpDvhScore);
    }

    [Fact]
    public void Evaluate_WithoutPossibleDoseMask_ApproximatesWithTheBodyAndSaysSo()
    {
        // Arrange
        var truth = PhantomGenerator.GenerateCase(0, s_small);
        var prediction = truth.Dose.Select(d => d * 1.1f).ToArray();

        // Act
        var result = CaseEvaluator.Evaluate(truth, prediction, new EvaluationOptions(), cancellationToken: TestContext.Current.CancellationToken);
        var json = EvaluationJson.Build([result], [], new EvaluationOptions(), DateTimeOffset.UnixEpoch);

        // Assert
        Assert.Null(result.OpenKbp);
        Assert.True(result.OpenKbpDoseScore > 0);
        var caseEntry = json["per_case_results"]![0]!["openkbp"]!;
        Assert.StartsWith("body", caseEntry["mask"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(json["aggregate_metrics"]!.AsObject().ContainsKey("openkbp_dvh_score"));
    }

    [Fact]
    public void Build_ExactCases_AggregatesDvhErrorsOverEveryStructureAndMetric()
    {
        // Arrange: two cases with different structure counts (one has its bladder emptied), so OpenKBP's mean over
        // every (case, structure, metric) differs from the mean of the per-case means
        var first = PhantomGenerator.GenerateCase(0, s_small);
        var second = WithoutStructure(PhantomGenerator.GenerateCase(1, s_small), "Bladder");
        var evaluations = new[] { first, second }.Select(c => CaseEvaluator.Evaluate(c, c.Dose.Select(d => d * 0.9f).ToArray(),
            new EvaluationOptions(), c.Dose.Select(d => d > 0.05f ? (byte)1 : (byte)0).ToArray(), TestContext.Current.CancellationToken)).ToArray();

        // Act
        var aggregate = EvaluationJson.Build(evaluations, [], new EvaluationOptions(), DateTimeOffset.UnixEpoch)["aggregate_metrics"]!;

        // Assert
        var allErrors = evaluations.SelectMany(e => e.OpenKbp!.DvhErrors.Values.SelectMany(m => m.Values)).ToArray();
        var meanOfMeans = evaluations.Average(e => e.OpenKbpDvhScore!.Value);
        Assert.Equal(allErrors.Average(), aggregate["openkbp_dvh_score"]!.GetValue<double>(), 1e-12);
        Assert.NotEqual(meanOfMeans, allErrors.Average(), 6);
        Assert.Equal(evaluations.Average(e => e.OpenKbpDoseScore!.Value), aggregate["openkbp_dose_score"]!.GetValue<double>(), 1e-12);
        Assert.Equal("possible_dose_mask", JsonNode.Parse(EvaluationJson.Case(evaluations[0]).ToJsonString())!["openkbp"]!["mask"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_MaskOfTheWrongSize_NamesTheCase()
    {
        // Arrange
        var truth = PhantomGenerator.GenerateCase(0, s_small);

        // Act
        var error = Assert.Throws<ArgumentException>(() => CaseEvaluator.Evaluate(truth, truth.Dose, new EvaluationOptions(), new byte[10],
            TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains(truth.CaseId, error.Message, StringComparison.Ordinal);
        Assert.Contains("possible-dose mask", error.Message, StringComparison.Ordinal);
    }

    private static int ChannelOf(string structure) =>
        SiteCatalog.Default.Channels.Select(c => c.Name).ToList().IndexOf(structure);

    private static byte[] ChannelMask(CaseVolume volume, string structure)
    {
        var channel = ChannelOf(structure);
        Assert.True(channel >= 0, $"the phantom has no {structure}");
        return volume.MaskChannel(channel).ToArray();
    }

    private static CaseVolume WithoutStructure(CaseVolume volume, string structure)
    {
        var channel = ChannelOf(structure);
        var masks = (byte[])volume.Masks.Clone();
        Array.Clear(masks, channel * volume.Shape.VoxelCount, volume.Shape.VoxelCount);
        return new CaseVolume
        {
            CaseId = volume.CaseId,
            Shape = volume.Shape,
            Ct = volume.Ct,
            Dose = volume.Dose,
            Masks = masks,
            Sdf = volume.Sdf,
            ChannelCount = volume.ChannelCount,
            Constraints = volume.Constraints,
            Metadata = volume.Metadata,
        };
    }
}
