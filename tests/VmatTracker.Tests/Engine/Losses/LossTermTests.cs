using VmatTracker.Engine.Losses;
using static TorchSharp.torch;
using static VmatTracker.Tests.Engine.Losses.LossFixtures;

namespace VmatTracker.Tests.Engine.Losses;

[Collection(TorchCollection.Name)]
public sealed class LossTermTests
{
    [Fact]
    public void NegativePenalty_MixedSigns_IsMeanOfNegatedNegatives()
    {
        // Arrange
        using var prediction = tensor(new[] { -1.0, 0.5, -0.5, 2.0 });

        // Act / Assert: (1 + 0 + 0.5 + 0) / 4
        Assert.Equal(0.375, Item(BaseDoseLoss.NegativePenalty(prediction)), 12);
    }

    [Fact]
    public void SobelKernels_EachKernel_AbsoluteValuesSumToOne()
    {
        // Act
        using var kernels = GradientLoss3D.SobelKernels(ScalarType.Float64);

        // Assert
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(1.0, kernels[k].abs().sum().item<double>(), 12);
        }
    }

    [Fact]
    public void GradientLoss_RampAlongY_InteriorResponseIsOneOnYAndZeroElsewhere()
    {
        // Arrange: f(y, x, z) = y
        using var gradient = new GradientLoss3D(dtype: ScalarType.Float64);
        using var ramp = arange(6, dtype: ScalarType.Float64).view(1, 1, 6, 1, 1).expand(1, 1, 6, 6, 6).contiguous();

        // Act
        using var responses = gradient.Responses(ramp);

        // Assert: centre voxel (3, 3, 3)
        Assert.Equal(1.0, responses[0, 0, 3, 3, 3].item<double>(), 12);
        Assert.Equal(0.0, responses[0, 1, 3, 3, 3].item<double>(), 12);
        Assert.Equal(0.0, responses[0, 2, 3, 3, 3].item<double>(), 12);
    }

    [Fact]
    public void GradientLoss_PredictionEqualsTarget_IsZero_DifferentIsPositive()
    {
        // Arrange
        using var gradient = new GradientLoss3D(dtype: ScalarType.Float64);
        using var target = rand([2L, 1, 8, 8, 8], dtype: ScalarType.Float64);

        // Act / Assert
        Assert.Equal(0.0, Item(gradient.Compute(target, target)), 12);
        Assert.True(Item(gradient.Compute(target + (rand_like(target) * 0.1), target)) > 0);
    }

    [Fact]
    public void StructureWeightMap_Corrected_PtvOverBandOverBackground()
    {
        // Arrange: PTV70 (channel 0) at voxel 0; Rectum (3) band at voxel 1 (|SDF| 0.05 < 0.1); Bladder (4) absent
        // with the v2.4 SDF 0.0, which must not count as a band
        using var condition = Condition(1, 4);
        SetInside(condition, 0, 0, 1);
        condition[0, 4].view(-1)[0] = tensor(-0.2);
        condition[0, 4].view(-1)[1] = tensor(0.05);
        condition[0, 5] = tensor(0.0);
        using var present = Presence(condition);
        present[0, 4] = tensor(false);
        var batch = new LossBatch(zeros([1L, 1, 4, 4, 4], dtype: ScalarType.Float64), zeros([1L, 1, 4, 4, 4], dtype: ScalarType.Float64), condition, present);

        // Act
        using var weights = new StructureWeightedLoss(Roles, new StructureWeightedOptions()).WeightMap(batch).view(-1);

        // Assert
        Assert.Equal(2.0, weights[0].item<double>());
        Assert.Equal(1.5, weights[1].item<double>());
        Assert.Equal(0.5, weights[2].item<double>());
        Assert.Equal(62, weights.eq(0.5).sum().item<long>());
        Assert.Equal(1, weights.eq(1.5).sum().item<long>());
    }

    [Fact]
    public void StructureWeightMap_PilotTau_BackgroundWeightNeverApplies()
    {
        // Arrange: the pilot's τ = 2.0 makes every |SDF| ≤ 1 a band voxel of any present organ
        using var condition = Condition(1, 4);
        SetInside(condition, 0, 0, 1);
        SetInside(condition, 0, 3, 2);
        var batch = new LossBatch(zeros([1L, 1, 4, 4, 4], dtype: ScalarType.Float64), zeros([1L, 1, 4, 4, 4], dtype: ScalarType.Float64), condition, Presence(condition));

        // Act
        using var weights = new StructureWeightedLoss(Roles, new StructureWeightedOptions { TauMode = StructureTauMode.Pilot })
            .WeightMap(batch);

        // Assert
        Assert.Equal(0, weights.eq(0.5).sum().item<long>());
        Assert.Equal(1, weights.eq(2.0).sum().item<long>());
        Assert.Equal(2.0, new StructureWeightedOptions { TauMode = StructureTauMode.Pilot }.Tau);
        Assert.Equal(0.1, new StructureWeightedOptions().Tau, 12);
    }

    [Fact]
    public void AsymmetricPtv_UnderAndOverdose_WeightedByThreeAndOne()
    {
        // Arrange: 4 PTV voxels with errors −0.1, −0.1, +0.1, +0.1
        using var condition = Condition(1, 2);
        SetInside(condition, 0, 0, 4);
        using var target = full([1L, 1, 2, 2, 2], 1.0, dtype: ScalarType.Float64);
        using var prediction = target.clone();
        prediction.view(-1)[TensorIndex.Slice(0, 2)] = tensor(0.9, dtype: ScalarType.Float64);
        prediction.view(-1)[TensorIndex.Slice(2, 4)] = tensor(1.1, dtype: ScalarType.Float64);
        var logged = new Dictionary<string, Tensor>();

        // Act
        var loss = new AsymmetricPtvLoss(Roles).Compute(new LossBatch(prediction, target, condition, Presence(condition)), logged);

        // Assert: (3·0.01·2 + 1·0.01·2) / 4
        Assert.Equal(0.02, Item(loss), 10);
        Assert.Equal(0.5, Item(logged["asym_ptv/underdose_fraction"]), 10);
    }

    [Fact]
    public void AsymmetricPtv_NoTargetInBatch_IsZero()
    {
        // Arrange
        using var condition = Condition(1, 2);
        var batch = new LossBatch(ones([1L, 1, 2, 2, 2], dtype: ScalarType.Float64), zeros([1L, 1, 2, 2, 2], dtype: ScalarType.Float64), condition, Presence(condition));

        // Act / Assert
        Assert.Equal(0.0, Item(new AsymmetricPtvLoss(Roles).Compute(batch, new Dictionary<string, Tensor>())));
    }

    [Fact]
    public void DvhAware_SampleBelowMinVoxels_ContributesZero()
    {
        // Arrange: sample 0 has a 200-voxel PTV70 underdosed by 0.2; sample 1's PTV70 has only 50 voxels
        using var condition = Condition(2, 8);
        SetInside(condition, 0, 0, 200);
        SetInside(condition, 1, 0, 50);
        using var target = ones([2L, 1, 8, 8, 8], dtype: ScalarType.Float64);
        using var prediction = target * 0.8;
        var logged = new Dictionary<string, Tensor>();
        var loss = new DvhAwareLoss(Roles, new DvhAwareOptions());

        // Act
        loss.Compute(new LossBatch(prediction, target, condition, Presence(condition)), logged);
        var both = Item(logged["dvh/ptv70_d95_loss"]);
        SetInside(condition, 1, 0, 200);
        loss.Compute(new LossBatch(prediction, target, condition, Presence(condition)), logged);
        var bothValid = Item(logged["dvh/ptv70_d95_loss"]);

        // Assert: with sample 1 skipped, the mean over the batch is half the all-valid value
        Assert.True(bothValid > 0);
        Assert.Equal(bothValid / 2, both, 10);
    }

    [Fact]
    public void UncertaintyWeighting_LogSigmaLn2_QuartersTheLossAndAddsLn2()
    {
        // Arrange
        using var weighting = new UncertaintyWeighting(["base"], new Dictionary<string, double> { ["base"] = Math.Log(2) });
        var losses = new Dictionary<string, Tensor> { ["base"] = tensor(8.0f) };

        // Act
        var total = weighting.Combine(losses, new Dictionary<string, Tensor>());

        // Assert: 8 / (2·2²) + ln 2
        Assert.Equal(1.0 + Math.Log(2), Item(total), 5);
    }
}
