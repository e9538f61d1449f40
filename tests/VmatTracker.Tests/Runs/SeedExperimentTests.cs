using VmatTracker.Engine.Losses;
using VmatTracker.Runs.Presets;
using VmatTracker.Runs.Training;

namespace VmatTracker.Tests.Runs;

public sealed class SeedExperimentTests
{
    [Fact]
    public void Plan_FullSizeOneSeed_IsTheSeedRecordsFourRunsWithItsSettings()
    {
        // Act
        var plan = SeedExperiment.Plan("/data", "/runs", SizeProfile.Full, [42], includePilotTau: false);

        // Assert: the record's order, names and sizes (reference-spec 5, seed record section 5)
        Assert.Equal(["baseline_s42", "grad_loss_0.1_s42", "dvh_aware_loss_s42", "structure_weighted_loss_s42"], plan.Select(r => r.Options.ExpName));
        Assert.All(plan, r => Assert.Equal((48, 128, 100, 50, 42), (r.Options.BaseChannels, r.Options.PatchSize, r.Options.Epochs, r.Options.Patience, r.Options.Seed)));
        Assert.Equal([2, 2, 2, 1], plan.Select(r => r.Options.BatchSize));

        // the loss terms and weights
        var (baseline, gradient, dvh, structure) = (plan[0].Options.Loss, plan[1].Options.Loss, plan[2].Options.Loss, plan[3].Options.Loss);
        Assert.Equal(new LossOptions(), baseline);
        Assert.True(gradient is { UseGradientLoss: true, GradientLossWeight: 0.1, UseDvhLoss: false, UseStructureWeighted: false });
        Assert.True(dvh is { UseGradientLoss: true, GradientLossWeight: 0.1, UseDvhLoss: true, DvhLossWeight: 0.5, UseStructureWeighted: false });
        Assert.True(structure is { UseGradientLoss: true, GradientLossWeight: 0.1, UseDvhLoss: false, UseStructureWeighted: true, StructureWeightedWeight: 1.0 });
        Assert.Equal(StructureTauMode.Corrected, structure.Structure.TauMode);
        Assert.Equal((2.0, 1.5, 0.5, 5.0), (structure.Structure.PtvWeight, structure.Structure.OarBoundaryWeight, structure.Structure.BackgroundWeight,
            structure.Structure.BoundaryWidthMm));

        // tags: only the baseline is marked baseline
        Assert.Equal(["true"], plan.Where(r => r.Tags.ContainsKey("baseline")).Select(r => r.Tags["baseline"]));
        Assert.Equal("baseline", plan.Single(r => r.Tags.ContainsKey("baseline")).Recipe.Key);
    }

    [Fact]
    public void Plan_TwoSeedsWithPilotTau_RepeatsFiveRecipesPerSeedInOneGroupPerRecipe()
    {
        // Act
        var plan = SeedExperiment.Plan("/data", "/runs", SizeProfile.Smoke, [42, 43], includePilotTau: true);

        // Assert
        Assert.Equal(10, plan.Count);
        Assert.Equal([42, 42, 42, 42, 42, 43, 43, 43, 43, 43], plan.Select(r => r.Seed));
        var pilot = plan[4];
        Assert.Equal("structure_weighted_pilot_tau_s42", pilot.Options.ExpName);
        Assert.Equal(StructureTauMode.Pilot, pilot.Options.Loss.Structure.TauMode);
        Assert.Equal(1, pilot.Options.BatchSize);
        for (var recipe = 0; recipe < 5; recipe++)
        {
            Assert.Equal(TrainingRunConfig.GroupKey(plan[recipe].Options), TrainingRunConfig.GroupKey(plan[recipe + 5].Options));
        }

        Assert.Equal(5, plan.Select(r => TrainingRunConfig.GroupKey(r.Options)).Distinct().Count());
    }

    [Fact]
    public void ComparePathAndReportCommand_NameTheRunsWithTheFirstAsBaseline()
    {
        // Act and Assert
        Assert.Equal("/compare?runs=7,8,9,10&baseline=7", SeedExperiment.ComparePath([7, 8, 9, 10]));
        Assert.Equal("vmat report --runs 7,8,9,10", SeedExperiment.ReportCommand([7, 8, 9, 10]));
    }

    [Theory]
    [InlineData("demo", "demo")]
    [InlineData("CPU quick", "demo")]
    [InlineData("reference", "full")]
    [InlineData("SMOKE", "smoke")]
    public void SizeProfileFind_KeyOrDisplayName_FindsTheProfile(string name, string key) =>
        Assert.Equal(key, SizeProfile.Find(name)?.Key);
}
