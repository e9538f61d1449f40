using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Evaluation;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.Components.Pages;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.Components;

/// <summary>
/// The compare page's OpenKBP panel, fed the whole way: an evaluation file written by the Engine for cases with
/// possible-dose masks, recorded into the store as a finished run's evaluation is, then read by the page.
/// </summary>
public sealed class OpenKbpScoresPanelTests : DashboardContext
{
    private static readonly PhantomOptions s_small = new() { Shape = new VolumeShape(32, 32, 24), Spacing = new VoxelSpacing(8, 8, 8) };

    [Fact]
    public async Task Render_RunScoredByOpenKbp_ShowsItsScoresBesideThePublishedOnes()
    {
        // Arrange: one run evaluated with possible-dose masks, one without (its scores are only approximations)
        using var folder = new TempFolder();
        var exact = await AddEvaluatedRunAsync("openkbp", folder.Path, withMask: true);
        var approximate = await AddEvaluatedRunAsync("phantom", folder.Path, withMask: false);
        var expected = exact.Evaluations.Average(e => e.OpenKbpDoseScore!.Value);

        // Act
        Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?runs={exact.Id},{approximate.Id}");
        var page = Render<Compare>();

        // Assert
        var row = Assert.Single(page.WaitForElements("[data-testid=openkbp-row]"));
        Assert.Equal(exact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetAttribute("data-run-id"));
        Assert.Equal(RunColumn.Number(expected), row.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Equal("2", row.QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.Contains("2.43", page.Find("[data-testid=openkbp-winner]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1.81", page.Find("[data-testid=openkbp-median]").TextContent, StringComparison.Ordinal);
        Assert.Contains("not a ranking", page.Find("[data-testid=openkbp-caveat]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoRunScoredByOpenKbp_HasNoPanel()
    {
        // Arrange
        using var folder = new TempFolder();
        var run = await AddEvaluatedRunAsync("phantom", folder.Path, withMask: false);

        // Act
        Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?runs={run.Id}");
        var page = Render<Compare>();

        // Assert
        page.WaitForElement("[data-testid=compare-row]");
        Assert.Empty(page.FindAll("[data-testid=openkbp-scores]"));
    }

    private async Task<(long Id, CaseEvaluation[] Evaluations)> AddEvaluatedRunAsync(string name, string folder, bool withMask)
    {
        var evaluations = Enumerable.Range(0, 2).Select(i =>
        {
            var truth = PhantomGenerator.GenerateCase(i, s_small);
            var mask = withMask ? truth.Dose.Select(d => d > 0.05f ? (byte)1 : (byte)0).ToArray() : null;
            return CaseEvaluator.Evaluate(truth, [.. truth.Dose.Select(d => d * 0.9f)], new EvaluationOptions(), mask, Token);
        }).ToArray();
        var file = Path.Combine(folder, name + "_evaluation_results.json");
        await File.WriteAllTextAsync(file, EvaluationJson.Build(evaluations, [], new EvaluationOptions(), DateTimeOffset.UnixEpoch).ToJsonString(), Token);
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = name, Status = RunStatus.Completed }, Token);
        await Store.Recorder.AddEvaluationFileAsync(id, file, null, Token);
        return (id, evaluations);
    }
}
