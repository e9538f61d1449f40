using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Web.Components.Pages;

namespace VmatTracker.Tests.Web.Components;

public sealed class ComparePageTests : DashboardContext
{
    [Fact]
    public async Task Render_TwoRunsWithBaseline_TableMarksBestShowsDeltaAndConfigDiff()
    {
        // Arrange
        var baseline = await AddRunAsync("baseline", """{"seed": 42, "use_structure_weighted": false, "val_metrics": "whole-volume"}""", 3.73, 1.43, 14.2);
        var weighted = await AddRunAsync("weighted", """{"seed": 42, "use_structure_weighted": true, "val_metrics": "whole-volume"}""", 2.91, 1.40, 31.2);

        // Act
        var page = Open($"compare?runs={baseline},{weighted}&baseline={baseline}");

        // Assert
        var rows = page.WaitForElements("[data-testid=compare-row]");
        Assert.Equal([baseline.ToString(), weighted.ToString()], rows.Select(r => r.GetAttribute("data-run-id")));
        var cells = rows[1].QuerySelectorAll("td[data-best]");
        Assert.Equal("true", cells[0].GetAttribute("data-best"));
        Assert.StartsWith("2.91", cells[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("(-0.82)", cells[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("(+17)", cells[2].TextContent, StringComparison.Ordinal);
        Assert.Empty(rows[0].QuerySelectorAll("[data-testid=delta]"));
        Assert.Equal("use_structure_weighted", Assert.Single(page.FindAll("[data-testid=config-diff-row] code"), c => c.TextContent == "use_structure_weighted").TextContent);
        Assert.Single(page.FindAll("[data-testid=config-diff-row]"));
        Assert.Empty(page.FindAll("[data-testid=mixed-validation]"));
    }

    [Fact]
    public async Task Render_ReferenceRunBesideWholeVolumeRun_FlaggedNotMixed()
    {
        // Arrange: an imported reference run (random patches) and one of ours (whole volumes).
        var reference = await Store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "ref",
            Name = "reference",
            Status = RunStatus.Completed,
            Tags = new Dictionary<string, string> { ["source"] = "reference" },
        }, Token);
        await Store.Recorder.AppendMetricsAsync(reference, [new MetricValue("val/mae_gy", 1, 0, 2.91)], Token);
        var ours = await AddRunAsync("ours", """{"val_metrics": "whole-volume"}""", 3.5, 1.2, 30);

        // Act
        var page = Open($"compare?runs={reference},{ours}");

        // Assert
        var warning = page.WaitForElement("[data-testid=mixed-validation]").TextContent;
        Assert.Contains("reference: random-patch", warning, StringComparison.Ordinal);
        Assert.Contains("ours: whole-volume", warning, StringComparison.Ordinal);
        Assert.All(page.FindAll("[data-testid=compare-row]"), row => Assert.Equal("false", row.QuerySelector("td[data-best]")!.GetAttribute("data-best")));
    }

    [Fact]
    public void Render_BadIds_SaysWhich()
    {
        // Act
        var page = Open("compare?runs=1,x,999999");

        // Assert
        var problem = page.WaitForElement("[data-testid=compare-problem]").TextContent;
        Assert.Contains("Not run IDs: x.", problem, StringComparison.Ordinal);
        Assert.Contains("No such run: 1, 999999.", problem, StringComparison.Ordinal);
    }

    // The page reads its runs from the address, as a shared link gives them.
    private IRenderedComponent<Compare> Open(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<Compare>();
    }

    private async Task<long> AddRunAsync(string name, string config, double valMae, double testMae, double gamma)
    {
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = name, ConfigJson = config, Status = RunStatus.Completed }, Token);
        await Store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 0, valMae + 1), new MetricValue("val/mae_gy", 2, 1, valMae)], Token);
        await Store.Recorder.AddEvaluationAsync(id, new EvaluationInfo
        {
            Values =
            [
                new EvaluationValueInfo(null, null, "mae_gy_mean", testMae),
                new EvaluationValueInfo(null, null, "gamma_pass_rate_mean", gamma),
                new EvaluationValueInfo("case_0007", null, "dose_metrics.mae_gy", testMae),
            ],
        }, Token);
        return id;
    }
}
