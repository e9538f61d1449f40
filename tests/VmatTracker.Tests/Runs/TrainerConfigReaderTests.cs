using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Options;
using VmatTracker.Runs.Training;

namespace VmatTracker.Tests.Runs;

public sealed class TrainerConfigReaderTests
{
    [Fact]
    public void Read_ConfigTheRunnerStored_GivesTheOptionsBack()
    {
        // Arrange: options away from the defaults in every hyper-parameter the store keeps.
        var options = new TrainerOptions
        {
            ExpName = "sw",
            DataDir = "/data",
            LogDir = "/runs",
            Epochs = 7,
            BatchSize = 1,
            PatchSize = 48,
            BaseChannels = 16,
            Seed = 3,
            LearningRate = 2e-4,
            WeightDecay = 0.05,
            Patience = 5,
            Monitor = "val/mae_gy_ptv70",
            Device = "cpu",
            PatchesPerVolume = 2,
            NumWorkers = 0,
            RxDoseGy = 60,
            NoAugmentation = true,
            CalibrationJson = "/c.json",
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
        var read = TrainerConfigReader.Read(TrainingRunConfig.ToJson(options).ToJsonString());

        // Assert
        Assert.Equal(options, read);
    }

    [Fact]
    public void Read_TrainingConfigJsonShape_ReadsItsHparams()
    {
        // Act: training_config.json nests the hyper-parameters under "hparams".
        var read = TrainerConfigReader.Read("""{"script": "vmat train", "hparams": {"base_channels": 24, "use_dvh_loss": true}}""");

        // Assert
        Assert.Equal(24, read.BaseChannels);
        Assert.True(read.Loss.UseDvhLoss);
        Assert.Equal(new TrainerOptions().PatchSize, read.PatchSize);
    }

    [Theory]
    [InlineData("""{"patch_size": 32.5}""", "patch_size: expected a whole number, found 32.5")]
    [InlineData("""{"use_gradient_loss": "yes"}""", "use_gradient_loss: expected true or false, found \"yes\"")]
    [InlineData("""{"structure_tau_mode": "loose"}""", "structure_tau_mode: 'loose' is not corrected or pilot")]
    [InlineData("""[1, 2]""", "the configuration is not a JSON object")]
    [InlineData("""{"seed": """, "the configuration is not JSON")]
    public void Read_BadValue_FormatExceptionNamesTheKey(string json, string expected)
    {
        // Act
        var error = Assert.Throws<FormatException>(() => TrainerConfigReader.Read(json));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
