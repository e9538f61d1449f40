using Bunit;
using VmatTracker.Data.Recording;
using VmatTracker.Web.Components.Pages;

namespace VmatTracker.Tests.Web.Components;

public sealed class RunPageTests : DashboardContext
{
    [Fact]
    public async Task LivePoint_AppendedWhileOpen_ChartExtendedNotRedrawn()
    {
        // Arrange
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "live" }, Token);
        await Store.Recorder.StartAsync(id, Token);
        await Store.Recorder.AppendMetricsAsync(id, [new MetricValue("train/loss", 1, 0, 0.9), new MetricValue("val/mae_gy", 1, 0, 4.0)], Token);
        var page = Render<RunPage>(p => p.Add(c => c.RunId, id));
        page.WaitForElement("[data-testid=run-title]");
        var plotsBefore = JSInterop.Invocations.Count(i => i.Identifier == "newPlot");

        // Act
        await Store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 2, 1, 3.2)], Token);

        // Assert: Plotly.extendTraces with the new point, and no new plot.
        page.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "extendTraces"));
        var extend = JSInterop.Invocations.First(i => i.Identifier == "extendTraces");
        Assert.Equal("metric-chart", extend.Arguments[0]);
        Assert.Equal(plotsBefore, JSInterop.Invocations.Count(i => i.Identifier == "newPlot"));
    }

    [Fact]
    public async Task Evaluated_Run_ShowsPerCaseTableGoalsAndFailure()
    {
        // Arrange
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "done", ConfigJson = """{"seed": 42}""" }, Token);
        await Store.Recorder.StartAsync(id, Token);
        await Store.Recorder.FailAsync(id, "data folder /nowhere does not exist", Token);
        await Store.Recorder.AddEvaluationAsync(id, new EvaluationInfo
        {
            DocumentJson = """{"per_case_results": [{"case_id": "case_0007", "clinical_constraints": {"goals": [{"structure": "Rectum", "metric": "V70", "comparison": "<=", "limit": 15, "unit": "%", "predicted": 12.5, "target": 10.1, "passed": true}]}}]}""",
            Values =
            [
                new EvaluationValueInfo("case_0007", null, "dose_metrics.mae_gy", 1.63),
                new EvaluationValueInfo("case_0007", null, "gamma.global_3mm3pct.gamma_pass_rate", 33.4),
                new EvaluationValueInfo(null, null, "mae_gy_mean", 1.63),
            ],
        }, Token);

        // Act
        var page = Render<RunPage>(p => p.Add(c => c.RunId, id));

        // Assert
        var table = page.WaitForElement("[data-testid=per-case-table]").TextContent;
        Assert.Contains("case_0007", table, StringComparison.Ordinal);
        Assert.Contains("33.4", table, StringComparison.Ordinal);
        Assert.Contains("✓ 12.5 (truth 10.1)", page.Find("[data-testid=goal-matrix]").TextContent, StringComparison.Ordinal);
        Assert.Contains("data folder /nowhere does not exist", page.Find("[data-testid=failure-message]").TextContent, StringComparison.Ordinal);
        Assert.Contains("\"seed\": 42", page.Find("[data-testid=run-config]").TextContent, StringComparison.Ordinal);
        Assert.Contains("the evaluation does not say where its files are", page.Find("[data-testid=dvh-missing]").TextContent, StringComparison.Ordinal);
    }
}
