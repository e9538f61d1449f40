using Bunit;
using Microsoft.AspNetCore.Components;
using VmatTracker.Data.Recording;
using VmatTracker.Web.Components.Controls;

namespace VmatTracker.Tests.Web.Components;

/// <summary>The runs page's interactive islands over a real SQLite store: a run's live status, and the notice that
/// the (static) list has changed.</summary>
public sealed class RunsPageIslandsTests : DashboardContext
{
    [Fact]
    public async Task LiveStatus_MetricsAppendedWhileOpen_ShowsTheEpochThenTheEnd()
    {
        // Arrange
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "live", ConfigJson = """{"epochs": 4}""" }, Token);
        await Store.Recorder.StartAsync(id, Token);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cell = Render<RunLiveStatus>(p => p.Add(c => c.RunId, id));
        cell.WaitForAssertion(() => Assert.Equal("running", cell.Find("[data-testid=status-chip]").TextContent.Trim()));

        // Act 1: the recorder publishes through RunEvents; the cell redraws itself.
        await Store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 0, 3.0), new MetricValue("val/loss", 1, 0, 0.2)], Token);
        await Store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 2, 1, 2.5)], Token);

        // Assert 1
        cell.WaitForAssertion(() => Assert.Contains("epoch 2 / 4", cell.Markup, StringComparison.Ordinal));

        // Act 2
        await Store.Recorder.CompleteAsync(id, Token);

        // Assert 2: the status changes in place, the progress goes.
        cell.WaitForAssertion(() => Assert.Equal("completed", cell.Find("[data-testid=status-chip]").TextContent.Trim()));
        Assert.Empty(cell.FindAll("[data-testid=run-progress]"));
    }

    [Fact]
    public async Task ChangedNotice_RunCreatedThenListDrawnAgain_OffersRefreshThenStartsCountingAgain()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var notice = Render<RunsChangedNotice>(p => p.Add(c => c.Href, "runs?filter=x").Add(c => c.DrawnAt, 1));
        Assert.Empty(notice.FindAll("[data-testid=runs-changed]"));

        // Act 1: a run appears (the CLI or the queue), and a metric batch, which the notice ignores.
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "new" }, Token);
        await Store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 0, 3.0)], Token);

        // Assert 1
        notice.WaitForAssertion(() => Assert.Contains("A run has changed", notice.Find("[data-testid=runs-changed]").TextContent, StringComparison.Ordinal));
        Assert.Equal("runs?filter=x", notice.Find("[data-testid=runs-refresh]").GetAttribute("href"));

        // Act 2: the page is drawn again around the island (the user filtered or starred).
        notice.Render(p => p.Add(c => c.DrawnAt, 2));

        // Assert 2
        Assert.Empty(notice.FindAll("[data-testid=runs-changed]"));
    }
}
