using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using VmatTracker.Data.Entities;
using VmatTracker.Data.Recording;
using VmatTracker.Web.Components.Pages;

namespace VmatTracker.Tests.Web.Components;

public sealed class RunsPageTests : DashboardContext
{
    [Fact]
    public async Task Filter_SyntaxError_ShowsMessageWithPositionAndKeepsTheList()
    {
        // Arrange
        await AddRunAsync("a", seed: 42, maes: [3.0]);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));

        // Act
        page.Find("input[data-testid=filter-box], [data-testid=filter-box] input").Input("params.seed = ");
        page.Find("button[data-testid=apply-filter]").Click();

        // Assert
        var error = page.WaitForElement("[data-testid=filter-error]");
        Assert.Contains("at position 15", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("params.seed = \n" + new string(' ', 14) + "^", page.Find("[data-testid=filter-pointer]").TextContent);
        Assert.Single(Rows(page));
    }

    [Fact]
    public async Task Filter_Valid_NarrowsTheList()
    {
        // Arrange
        await AddRunAsync("seed42", seed: 42, maes: [3.0]);
        await AddRunAsync("seed7", seed: 7, maes: [2.0]);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));

        // Act
        page.Find("input[data-testid=filter-box], [data-testid=filter-box] input").Input("params.seed = 42");
        page.Find("button[data-testid=apply-filter]").Click();

        // Assert
        page.WaitForAssertion(() => Assert.Equal(["seed42"], Names(page)));
        Assert.Empty(page.FindAll("[data-testid=filter-error]"));
    }

    [Fact]
    public async Task Sort_MetricSummaryColumn_OrdersAllRunsByItInTheDatabase()
    {
        // Arrange: newest first by default, so the default order is c, b, a.
        await AddRunAsync("a", seed: 1, maes: [5.0, 2.5]);
        await AddRunAsync("b", seed: 2, maes: [1.5]);
        await AddRunAsync("c", seed: 3, maes: [4.0, 3.5]);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Equal(["c", "b", "a"], Names(page)));

        // Act: the val/mae_gy (min) column is shown by default; one click sorts ascending.
        page.FindAll("th").Single(th => th.TextContent.Contains("val/mae_gy (min)", StringComparison.Ordinal))
            .QuerySelector(".sort-header")!.Click();

        // Assert
        page.WaitForAssertion(() => Assert.Equal(["b", "a", "c"], Names(page)));
    }

    [Fact]
    public async Task Delete_AskedThenCancelled_KeepsRunThenConfirmedRemovesIt()
    {
        // Arrange
        var id = await AddRunAsync("doomed", seed: 1, maes: [1.0]);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));

        // Act 1: ask, then cancel
        page.Find("button[data-testid=delete]").Click();
        var question = page.WaitForElement("[data-testid=delete-confirmation]").TextContent;
        page.Find("button[data-testid=cancel-delete]").Click();

        // Assert 1
        Assert.Contains($"Delete run {id} \"doomed\"", question, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=delete-confirmation]"));
        Assert.NotNull(await Store.Queries.GetAsync(id, Token));

        // Act 2: ask, then confirm
        page.Find("button[data-testid=delete]").Click();
        page.WaitForElement("button[data-testid=confirm-delete]").Click();

        // Assert 2
        page.WaitForAssertion(() => Assert.Empty(Rows(page)));
        Assert.Null(await Store.Queries.GetAsync(id, Token));
        Assert.Contains($"Run {id} deleted.", page.Find("[data-testid=runs-message]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_Run_HiddenUntilShowArchived()
    {
        // Arrange
        await AddRunAsync("old", seed: 1, maes: []);
        await AddRunAsync("new", seed: 2, maes: []);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));

        // Act
        page.FindAll("button[data-testid=archive]")[1].Click();

        // Assert
        page.WaitForAssertion(() => Assert.Equal(["new"], Names(page)));
    }

    [Fact]
    public async Task Star_Run_StoredAndItsButtonBecomesUnstar()
    {
        // Arrange
        var id = await AddRunAsync("a", seed: 1, maes: []);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));

        // Act
        page.Find("button[data-testid=star]").Click();

        // Assert: the plain button calls the store and redraws with the filled star.
        page.WaitForAssertion(() => Assert.Equal("unstar", page.Find("button[data-testid=star]").GetAttribute("aria-label")));
        Assert.Equal("row-icon row-icon-star", page.Find("button[data-testid=star] .row-icon").GetAttribute("class"));
        Assert.True((await Store.Queries.GetAsync(id, Token))!.Summary.Starred);
    }

    [Fact]
    public async Task ColumnPicker_OpenedAndParameterTicked_TheTableGainsItsColumn()
    {
        // Arrange: closed, the picker draws no checkboxes.
        await AddRunAsync("a", seed: 42, maes: [3.0]);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        Assert.Empty(page.FindAll("[data-testid='column-param:seed']"));

        // Act
        page.Find("[data-testid=column-picker] .mud-expand-panel-header").Click();
        page.WaitForElement("input[data-testid='column-param:seed']").Change(true);

        // Assert
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("th"), th => th.TextContent.Trim() == "seed"));
        Assert.Contains(Rows(page)[0].QuerySelectorAll("td"), td => td.TextContent.Trim() == "42");
    }

    [Fact]
    public async Task LiveProgress_MetricsAppendedWhileOpen_RunningRowShowsTheEpoch()
    {
        // Arrange
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "live", ConfigJson = """{"epochs": 4}""" }, Token);
        await Store.Recorder.StartAsync(id, Token);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));

        // Act: the recorder publishes through RunEvents; the page refreshes itself (no reload).
        await Store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 0, 3.0), new MetricValue("val/loss", 1, 0, 0.2)], Token);
        await Store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 2, 1, 2.5)], Token);

        // Assert
        page.WaitForAssertion(() => Assert.Contains("epoch 2 / 4", page.Find("#runs-table tbody").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sort_SameHeaderClickedAgain_DescendingThenBackToNewestFirst()
    {
        // Arrange
        await AddRunAsync("a", seed: 1, maes: [2.0]);
        await AddRunAsync("b", seed: 2, maes: [1.0]);
        await AddRunAsync("c", seed: 3, maes: [3.0]);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Equal(["c", "b", "a"], Names(page)));
        IElement Header() => page.FindAll("th").Single(th => th.TextContent.Contains("val/mae_gy (min)", StringComparison.Ordinal)).QuerySelector(".sort-header")!;

        // Act / Assert: ascending, descending, then the default order again.
        Header().Click();
        page.WaitForAssertion(() => Assert.Equal(["b", "a", "c"], Names(page)));
        Header().Click();
        page.WaitForAssertion(() => Assert.Equal(["c", "a", "b"], Names(page)));
        Assert.Equal("descending", Header().GetAttribute("aria-sort"));
        Header().Click();
        page.WaitForAssertion(() => Assert.Equal(["c", "b", "a"], Names(page)));
        Assert.Equal("none", Header().GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Paging_MoreRunsThanAPage_ShowsOnePageAndTheNextOnRequest()
    {
        // Arrange: one more run than the default page of 50 (newest first: r60 ... r10).
        for (var i = 10; i <= 60; i++)
        {
            await AddRunAsync($"r{i}", seed: i, maes: []);
        }

        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Equal(50, Rows(page).Count));
        Assert.Equal("r60", Names(page)[0]);
        Assert.Contains("51 run(s) match, showing 1–50", page.Find("[data-testid=run-count]").TextContent, StringComparison.Ordinal);

        // Act: the pager's page 2.
        page.FindAll("[data-testid=runs-pager] button").Single(b => b.TextContent.Trim() == "2").Click();

        // Assert
        page.WaitForAssertion(() => Assert.Equal(["r10"], Names(page)));
        Assert.Contains("showing 51–51", page.Find("[data-testid=run-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_TwoRuns_CompareLinkNamesBoth()
    {
        // Arrange
        var first = await AddRunAsync("a", seed: 1, maes: [2.0]);
        var second = await AddRunAsync("b", seed: 2, maes: [1.0]);
        await AddRunAsync("c", seed: 3, maes: [3.0]);
        var page = RenderLive();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));
        IElement Checkbox(string name) => Rows(page).Single(r => r.QuerySelector("[data-testid=run-link]")!.TextContent.Trim() == name)
            .QuerySelector("input[data-testid=select-run]")!;

        // Act
        Checkbox("b").Change(true);
        Checkbox("a").Change(true);

        // Assert
        page.WaitForAssertion(() => Assert.Equal($"compare?runs={first},{second}", page.Find("[data-testid=compare-selected]").GetAttribute("href")));
        Assert.Contains("Compare (2)", page.Find("[data-testid=compare-selected]").TextContent, StringComparison.Ordinal);
    }

    // The page as it runs in the dashboard: interactive, over a server circuit (it reads RendererInfo to tell the
    // prerender from the live page).
    private IRenderedComponent<Runs> RenderLive()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<Runs>();
    }

    private async Task<long> AddRunAsync(string name, int seed, double[] maes)
    {
        var id = await Store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "e",
            Name = name,
            ConfigJson = $$"""{"seed": {{seed}}}""",
            Status = RunStatus.Completed,
        }, Token);
        if (maes.Length > 0)
        {
            await Store.Recorder.AppendMetricsAsync(id, [.. maes.Select((v, e) => new MetricValue("val/mae_gy", e + 1, e, v))], Token);
        }

        return id;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<Runs> page) =>
        [.. page.FindAll("#runs-table tbody tr").Where(r => r.QuerySelector("[data-testid=run-link]") is not null)];

    private static List<string> Names(IRenderedComponent<Runs> page) =>
        [.. Rows(page).Select(r => r.QuerySelector("[data-testid=run-link]")!.TextContent.Trim())];
}
