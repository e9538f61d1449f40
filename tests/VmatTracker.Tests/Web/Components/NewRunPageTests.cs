using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Queue;
using VmatTracker.Runs.Training;
using VmatTracker.Web.Components.Pages;

namespace VmatTracker.Tests.Web.Components;

public sealed class NewRunPageTests : DashboardContext
{
    private const string Submit = "button[data-testid=submit-run]";

    [Fact]
    public void PatchSize_NotAMultipleOf16_TrainerMessageShownAndSubmitDisabled()
    {
        // Arrange
        var page = Render<NewRunPage>();
        Assert.Null(page.Find(Submit).GetAttribute("disabled"));

        // Act
        page.Find("[data-testid=field-patch_size] input, input[data-testid=field-patch_size]").Input("40");

        // Assert
        page.WaitForAssertion(() => Assert.Contains("--patch_size: 40 must be a positive multiple of 16",
            page.Find("[data-testid=form-problems]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.Find(Submit).GetAttribute("disabled"));
    }

    [Fact]
    public async Task Defaults_OnCpu_CpuQuickBaselineQueuedWithPresetTags()
    {
        // Act
        var page = Render<NewRunPage>();

        // Assert: "CPU quick" (base 16, patch 48: fits the 64x64x48 phantoms) on a machine without CUDA, valid as it
        // stands, and queued with the presets as tags.
        Assert.Equal("16", FieldValue(page, "base_channels"));
        Assert.Equal("48", FieldValue(page, "patch_size"));
        Assert.Empty(page.FindAll("[data-testid=form-problem]"));
        page.Find(Submit).Click();
        var queue = Services.GetRequiredService<TrainingQueue>();
        page.WaitForAssertion(() => Assert.Single(queue.Snapshot().Waiting));
        var stored = (await Store.Queries.GetAsync(queue.Snapshot().Waiting[0].RunId, Token))!;
        Assert.Equal("baseline", stored.Summary.Tags["recipe"]);
        Assert.Equal("demo", stored.Summary.Tags["size"]);
    }

    [Fact]
    public async Task CloneFromRun_StoredConfig_LoadedIntoTheFormAndQueuedOnSubmit()
    {
        // Arrange: a structure-weighted run with base 24 and seed 7 on this test's data root.
        var original = new TrainerOptions
        {
            ExpName = "sw",
            DataDir = DataFolder,
            LogDir = Settings.RunsFolder!,
            BaseChannels = 24,
            PatchSize = 48,
            Seed = 7,
            Loss = new() { UseGradientLoss = true, UseStructureWeighted = true, StructureWeightedWeight = 0.75 },
        };
        var sourceId = await Store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "losses",
            Name = "sw",
            ConfigJson = TrainingRunConfig.ToJson(original).ToJsonString(),
        }, Token);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"runs/new?from={sourceId}");

        // Act
        var page = Render<NewRunPage>();
        Assert.Equal("24", FieldValue(page, "base_channels"));
        Assert.Equal("48", FieldValue(page, "patch_size"));
        Assert.Equal("7", FieldValue(page, "seed"));
        Assert.Equal("losses", FieldValue(page, "experiment"));
        page.Find(Submit).Click();

        // Assert: queued with the cloned options, and the page went to the new run.
        var queue = Services.GetRequiredService<TrainingQueue>();
        page.WaitForAssertion(() => Assert.Single(queue.Snapshot().Waiting));
        var queued = queue.Snapshot().Waiting[0];
        Assert.NotEqual(sourceId, queued.RunId);
        Assert.Equal((24, 48, 7), (queued.Options.BaseChannels, queued.Options.PatchSize, queued.Options.Seed));
        Assert.True(queued.Options.Loss.UseStructureWeighted);
        Assert.Equal(0.75, queued.Options.Loss.StructureWeightedWeight);
        Assert.StartsWith("sw_clone_", queued.Options.ExpName, StringComparison.Ordinal);
        Assert.EndsWith($"/runs/{queued.RunId}", navigation.Uri, StringComparison.Ordinal);
        var stored = (await Store.Queries.GetAsync(queued.RunId, Token))!;
        Assert.Equal(("losses", VmatTracker.Data.RunStatus.Queued), (stored.Summary.Experiment, stored.Summary.Status));
    }

    [Fact]
    public async Task CloneFromRun_DataOutsideTheDataRoots_RefusedWithTheRootsNamed()
    {
        // Arrange
        var elsewhere = new TrainerOptions { ExpName = "x", DataDir = "/srv/elsewhere", PatchSize = 32, BaseChannels = 16 };
        var sourceId = await Store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "e",
            Name = "x",
            ConfigJson = TrainingRunConfig.ToJson(elsewhere).ToJsonString(),
        }, Token);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"runs/new?from={sourceId}");

        // Act
        var page = Render<NewRunPage>();

        // Assert
        var problems = page.Find("[data-testid=form-problems]").TextContent;
        Assert.Contains("--data_dir: '/srv/elsewhere' is not inside a configured data root", problems, StringComparison.Ordinal);
        Assert.Contains(DataFolder, problems, StringComparison.Ordinal);
        Assert.NotNull(page.Find(Submit).GetAttribute("disabled"));
    }

    [Fact]
    public void CloneFromRun_NoSuchRun_SaysSoAndKeepsTheDefaults()
    {
        // Arrange
        Services.GetRequiredService<NavigationManager>().NavigateTo("runs/new?from=999");

        // Act
        var page = Render<NewRunPage>();

        // Assert
        Assert.Contains("There is no run 999 to clone", page.Find("[data-testid=clone-problem]").TextContent, StringComparison.Ordinal);
        Assert.Equal("16", FieldValue(page, "base_channels"));
    }

    private static string? FieldValue(IRenderedComponent<NewRunPage> page, string field) =>
        page.Find($"[data-testid=field-{field}] input, input[data-testid=field-{field}]").GetAttribute("value");
}
