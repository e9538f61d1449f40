using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VmatTracker.Data;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Web.EndToEnd;

/// <summary>The dashboard in a real Chromium against the real server, fed through the server's own RunRecorder.</summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class DashboardEndToEndTests(DashboardServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunsPage_RecordedRuns_ListedAndFilterNarrowsThem()
    {
        // Arrange
        var experiment = "e2e-list-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var seed in new[] { 42, 7, 123 })
        {
            var id = await server.Recorder.CreateRunAsync(new NewRun { Experiment = experiment, Name = $"seed{seed}", ConfigJson = $$"""{"seed": {{seed}}}""", Status = RunStatus.Completed }, Token);
            await server.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 0, seed / 10.0)], Token);
        }

        var page = await server.NewPageAsync();
        var rows = page.Locator("#runs-table tbody tr").Filter(new() { Has = page.GetByTestId("run-link") });

        // Act: the page is rendered per request; the filter form and the row buttons work as they come.
        await DashboardServerFixture.GoAsync(page, $"runs?filter={Uri.EscapeDataString($"experiment = \"{experiment}\"")}");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        var filter = page.GetByTestId("filter-box");
        await filter.FillAsync($"experiment = \"{experiment}\" and params.seed >= 42");
        await filter.PressAsync("Enter");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.GetByTestId("star").First.ClickAsync();

        // Assert: the filter is in the address; the star was posted (Blazor's enhanced form post) and the filtered
        // page came back with it filled; the page's live islands joined a circuit.
        Assert.Equal(["seed123", "seed42"], (await page.GetByTestId("run-link").AllTextContentsAsync()).Select(t => t.Trim()));
        await Assertions.Expect(page).ToHaveURLAsync(FilteredBySeed());
        await Assertions.Expect(page.GetByTestId("star").First).ToHaveAttributeAsync("aria-label", "unstar");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.GetByTestId("runs-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Screenshots.SaveAsync(page, "runs");
    }

    [Fact]
    public async Task RunPage_MetricAppendedWhileOpen_ChartGainsThePointKeepingZoomAndHiddenTraces()
    {
        // Arrange
        var id = await server.Recorder.CreateRunAsync(new NewRun { Experiment = "e2e-live", Name = "live", ConfigJson = """{"epochs": 3}""" }, Token);
        await server.Recorder.StartAsync(id, Token);
        await server.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 0, 4.0), new MetricValue("val/gamma_3mm3pct", 1, 0, 20)], Token);
        var page = await server.NewPageAsync();
        await DashboardServerFixture.GoAsync(page, $"runs/{id}");
        await page.WaitForSelectorAsync("#metric-chart .main-svg");
        await page.WaitForFunctionAsync("() => document.getElementById('metric-chart').data?.length === 2");

        // The user zooms the x axis and hides one trace; a reload would lose both, and so would the marker.
        await page.EvaluateAsync("""
            async () => {
              const chart = document.getElementById('metric-chart');
              window.__notReloaded = true;
              await Plotly.relayout(chart, { 'xaxis.range': [-0.5, 0.75] });
              await Plotly.restyle(chart, { visible: 'legendonly' }, [1]);
            }
            """);

        // Act
        await server.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 2, 1, 3.1), new MetricValue("val/gamma_3mm3pct", 2, 1, 25)], Token);

        // Assert
        await page.WaitForFunctionAsync("() => document.getElementById('metric-chart').data[0].x.length === 2");
        var state = await page.EvaluateAsync<string>("""
            () => {
              const chart = document.getElementById('metric-chart');
              const mae = chart.data.find(t => t.name === 'val/mae_gy');
              return JSON.stringify({ x: mae.x, y: mae.y, range: chart.layout.xaxis.range, hidden: chart.data[1].visible, marker: window.__notReloaded === true });
            }
            """);
        Assert.Equal("""{"x":[0,1],"y":[4,3.1],"range":[-0.5,0.75],"hidden":"legendonly","marker":true}""", state);
        await Screenshots.SaveAsync(page, "run");
    }

    [Fact]
    public async Task ComparePage_TwoRunsFromItsAddress_RendersTheTable()
    {
        // Arrange
        var ids = new List<long>();
        foreach (var (name, val, test, gamma) in new[] { ("baseline", 3.73, 1.43, 14.2), ("structure-weighted", 2.91, 1.40, 31.2) })
        {
            var id = await server.Recorder.CreateRunAsync(new NewRun { Experiment = "e2e-compare", Name = name, ConfigJson = """{"val_metrics": "whole-volume"}""", Status = RunStatus.Completed, DurationSeconds = 3600 }, Token);
            await server.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 0, val + 1), new MetricValue("val/mae_gy", 2, 1, val)], Token);
            await server.Recorder.AddEvaluationAsync(id, new EvaluationInfo
            {
                Values = [new(null, null, "mae_gy_mean", test), new(null, null, "gamma_pass_rate_mean", gamma), new("case_0007", null, "dose_metrics.mae_gy", test)],
            }, Token);
            ids.Add(id);
        }

        var page = await server.NewPageAsync();

        // Act
        await DashboardServerFixture.GoAsync(page, $"compare?runs={ids[0]},{ids[1]}&baseline={ids[0]}");

        // Assert
        var rows = page.GetByTestId("compare-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var cells = await rows.Nth(1).Locator("td[data-best]").AllTextContentsAsync();
        Assert.Equal(["2.91(-0.82)", "1.4(-0.03)", "31.2(+17)", "", "", "1(+0)"], cells.Select(c => string.Concat(c.Where(ch => !char.IsWhiteSpace(ch)))));
        Assert.Equal("true", await rows.Nth(1).Locator("td[data-best]").First.GetAttributeAsync("data-best"));
        await page.WaitForSelectorAsync("#compare-curves-chart .main-svg");
        await Screenshots.SaveAsync(page, "compare");
    }

    [GeneratedRegex(@"filter=[^&]*params\.seed")]
    private static partial Regex FilteredBySeed();
}
