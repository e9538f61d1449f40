using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.Components.Pages;

namespace VmatTracker.Tests.Web.Components;

/// <summary>The run page and the compare page show a run's numbers from the best checkpoint's evaluation, and say so,
/// after an extra evaluation of a non-best checkpoint.</summary>
public sealed class ChosenEvaluationPageTests : DashboardContext
{
    [Fact]
    public async Task RunPage_ExtraEvaluationOfLastCheckpoint_ShowsBestCheckpointNumbersAndNamesIt()
    {
        // Arrange
        var id = await TwoEvaluationsRun.RecordAsync(Store.Recorder, DataFolder, "two-evals", Token);

        // Act
        var page = Render<RunPage>(p => p.Add(c => c.RunId, id));

        // Assert: the mean row holds 1.5 Gy, 90 %, 95 % and the panel names the best checkpoint.
        var mean = page.WaitForElement("[data-testid=per-case-table] .aggregate-row").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["1.5", "90", "95"], mean.Take(3));
        Assert.Contains(TwoEvaluationsRun.BestCheckpoint, page.Find("[data-testid=evaluation] [data-testid=results-from]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComparePage_ExtraEvaluationOfLastCheckpoint_ShowsBestCheckpointNumbersAndNamesIt()
    {
        // Arrange
        var id = await TwoEvaluationsRun.RecordAsync(Store.Recorder, DataFolder, "two-evals", Token);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?runs={id}");

        // Act
        var page = Render<Compare>();

        // Assert: Test MAE, gamma, PTV gamma columns (after Val MAE) and the row's source.
        var row = page.WaitForElement("[data-testid=compare-row]");
        var cells = row.QuerySelectorAll("td[data-best]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["1.5", "90", "95"], cells.Skip(1).Take(3));
        Assert.Contains(TwoEvaluationsRun.BestCheckpoint, row.QuerySelector("[data-testid=results-from]")!.TextContent, StringComparison.Ordinal);
    }
}
