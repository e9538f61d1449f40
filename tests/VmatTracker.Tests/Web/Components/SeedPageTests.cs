using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Presets;
using VmatTracker.Runs.Queue;
using VmatTracker.Web.Components.Pages;

namespace VmatTracker.Tests.Web.Components;

public sealed class SeedPageTests : DashboardContext
{
    [Fact]
    public async Task Queue_SmokeTwoSeedsWithPilotTau_QueuesSeedExperimentsPlanAndFollowsTheRuns()
    {
        // Arrange
        var queue = Services.GetRequiredService<TrainingQueue>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = Render<SeedPage>();

        // Act
        page.Find("select[data-testid=seed-size]").Change("smoke");
        page.Find("input[data-testid=seed-seeds]").Input("42, 7");
        page.Find("input[data-testid=seed-pilot-tau]").Change(true);
        page.WaitForAssertion(() => Assert.Equal("Queue 10 runs", page.Find("button[data-testid=seed-queue]").TextContent.Trim()));
        page.Find("button[data-testid=seed-queue]").Click();

        // Assert: the plan's ten runs, in its order, with its options and tags, queued for the worker; the address
        // now follows them.
        page.WaitForAssertion(() => Assert.Equal(10, queue.Snapshot().Waiting.Count), TimeSpan.FromSeconds(60));
        var planned = SeedExperiment.Plan(DataFolder, "unused", SizeProfile.Smoke, [42, 7], includePilotTau: true);
        var waiting = queue.Snapshot().Waiting;
        Assert.Equal(planned.Select(p => p.Options.ExpName), waiting.Select(w => w.Name));
        Assert.Equal(planned.Select(p => p.Options.Loss), waiting.Select(w => w.Options.Loss));
        Assert.Equal(planned.Select(p => p.Options.BatchSize), waiting.Select(w => w.Options.BatchSize));
        Assert.All(waiting, w => Assert.StartsWith(Path.Combine(Settings.RunsFolder!, "seed-smoke-"), w.Options.LogDir, StringComparison.Ordinal));
        var first = (await Store.Queries.GetAsync(waiting[0].RunId, Token))!;
        Assert.Equal("true", first.Summary.Tags["baseline"]);
        Assert.Equal("smoke", first.Summary.Tags["size"]);
        Assert.EndsWith("experiments/seed?runs=" + string.Join(',', waiting.Select(w => w.RunId)), navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_AllRunsEndWhileOpen_OpensTheComparisonWithTheBaseline()
    {
        // Arrange: two queued runs followed by the page.
        var navigation = Services.GetRequiredService<NavigationManager>();
        var ids = new List<long>();
        foreach (var name in new[] { "baseline_s42", "gradient_s42" })
        {
            ids.Add(await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "seed", Name = name }, Token));
        }

        navigation.NavigateTo($"experiments/seed?runs={ids[0]},{ids[1]}");
        var page = Render<SeedPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-testid=seed-run]").Count));
        var compare = $"compare?runs={ids[0]},{ids[1]}&baseline={ids[0]}";
        Assert.Equal(compare, page.Find("a[data-testid=seed-compare-link]").GetAttribute("href"));

        // Act: the first completes (the page stays), then the second fails.
        await Store.Recorder.StartAsync(ids[0], Token);
        await Store.Recorder.CompleteAsync(ids[0], Token);
        page.WaitForAssertion(() => Assert.Contains("1 of 2 runs ended", page.Find("[data-testid=seed-progress]").TextContent, StringComparison.Ordinal));
        Assert.Contains("experiments/seed", navigation.Uri, StringComparison.Ordinal);
        await Store.Recorder.FailAsync(ids[1], "boom", Token);

        // Assert
        page.WaitForAssertion(() => Assert.EndsWith(compare, navigation.Uri, StringComparison.Ordinal));
        Assert.Equal(RunStatus.Failed, (await Store.Queries.GetAsync(ids[1], Token))!.Summary.Status);
    }

    [Fact]
    public void Form_BadSeeds_ProblemShownAndQueueDisabled()
    {
        // Arrange
        var page = Render<SeedPage>();

        // Act
        page.Find("input[data-testid=seed-seeds]").Input("42,4x");

        // Assert
        page.WaitForAssertion(() => Assert.Contains("seeds: '4x' is not a seed", page.Find("[data-testid=seed-problem]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("button[data-testid=seed-queue]").HasAttribute("disabled"));
        Assert.Empty(Services.GetRequiredService<TrainingQueue>().Snapshot().Waiting);
    }
}
