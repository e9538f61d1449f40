using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Training;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class NewRunFormTests
{
    [Fact]
    public void ToOptions_LoadedFromOptions_GivesTheSameOptionsBack()
    {
        // Arrange: every kind of field away from its default.
        var options = new TrainerOptions
        {
            ExpName = "x",
            DataDir = "/data",
            LogDir = "/runs",
            Epochs = 7,
            BatchSize = 3,
            PatchSize = 64,
            BaseChannels = 32,
            Seed = 5,
            LearningRate = 3e-4,
            WeightDecay = 0.02,
            Patience = 4,
            Monitor = "val/loss",
            Device = "cpu",
            PatchesPerVolume = 6,
            NumWorkers = 0,
            RxDoseGy = 60,
            NoAugmentation = true,
            SaveTopK = 2,
            MaxValidationCases = 3,
            ValidationGammaSubsample = 2,
            EvaluateTestSet = false,
            CacheBudgetMiB = 100,
            Loss = new LossOptions
            {
                UseGradientLoss = true,
                GradientLossWeight = 0.2,
                UseDvhLoss = true,
                DvhLossWeight = 0.4,
                Dvh = new DvhAwareOptions { D95Weight = 5, VxWeight = 1, DmeanWeight = 0.5, Temperature = 0.2 },
                UseStructureWeighted = true,
                StructureWeightedWeight = 0.9,
                Structure = new StructureWeightedOptions
                {
                    PtvWeight = 3,
                    OarBoundaryWeight = 1.2,
                    BackgroundWeight = 0.4,
                    BoundaryWidthMm = 4,
                    TauMode = StructureTauMode.Pilot,
                },
                UseAsymmetricPtv = true,
                AsymmetricPtvWeight = 0.8,
                AsymmetricUnderdoseWeight = 2.5,
                AsymmetricOverdoseWeight = 1.5,
                UseUncertaintyWeighting = true,
            },
        };

        // Act
        var back = new NewRunForm(options).ToOptions();

        // Assert
        Assert.Equal(options, back);
    }
}
