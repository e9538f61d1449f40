using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Web.Pages;

/// <summary>One real server (Kestrel, SQLite file) for the runs page's tests; each test records its runs under an
/// experiment of its own and lists them with a filter on it.</summary>
public sealed class RunsPageServer : IDisposable
{
    public VmatAppFactory App { get; } = new();

    public RunRecorder Recorder => App.Services.GetRequiredService<RunRecorder>();

    public RunQueries Queries => App.Services.GetRequiredService<RunQueries>();

    public void Dispose() => App.Dispose();
}

/// <summary>
/// The runs page as a browser meets it: rendered per request by the real server, its state in the address, driven
/// through its own links and forms (the GET filter form, the POST actions form with its antiforgery token).
/// </summary>
public sealed class RunsPageTests(RunsPageServer server) : IClassFixture<RunsPageServer>
{
    private readonly string _experiment = "rp-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Mine => $"experiment = \"{_experiment}\"";

    [Fact]
    public async Task Filter_SyntaxError_ShowsMessageWithPositionAndKeepsTheTextToMend()
    {
        // Arrange
        using var client = new FormClient(server.App.Address);
        await AddRunAsync("a", seed: 42, maes: [3.0]);
        var page = await client.GetAsync("runs");

        // Act
        page = await client.SubmitAsync(page, "[data-testid=runs-query]", Changes(("filter", "params.seed = ")));

        // Assert: the message names the position, the caret sits under it, and the list is shown unfiltered.
        Assert.Contains("at position 15", Text(page, "[data-testid=filter-error]"), StringComparison.Ordinal);
        Assert.Equal("params.seed = \n" + new string(' ', 14) + "^", Text(page, "[data-testid=filter-pointer]"));
        Assert.Equal("params.seed = ", page.QuerySelector<IHtmlInputElement>("[data-testid=filter-box]")!.Value);
        var unarchived = await server.Queries.ListAsync(new RunListQuery { Filter = "tags.archived = null", Take = 1 }, Token);
        Assert.StartsWith($"{unarchived.TotalCount} run(s) match", Text(page, "[data-testid=run-count]"), StringComparison.Ordinal);
        Assert.NotEmpty(Rows(page));
    }

    [Fact]
    public async Task Filter_Valid_NarrowsTheListAndTheAddressHoldsIt()
    {
        // Arrange
        using var client = new FormClient(server.App.Address);
        await AddRunAsync("seed42", seed: 42, maes: [3.0]);
        await AddRunAsync("seed7", seed: 7, maes: [2.0]);
        var page = await client.GetAsync("runs");

        // Act
        page = await client.SubmitAsync(page, "[data-testid=runs-query]", Changes(("filter", $"{Mine} and params.seed = 42")));

        // Assert
        Assert.Equal(["seed42"], Names(page));
        Assert.Null(page.QuerySelector("[data-testid=filter-error]"));
        Assert.Contains("filter=" + Uri.EscapeDataString($"{Mine} and params.seed = 42"), client.LastAddress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sort_HeaderFollowedThreeTimes_AscendingDescendingThenNewestFirstOverTheDatabase()
    {
        // Arrange: newest first by default, so the default order is c, b, a.
        using var client = new FormClient(server.App.Address);
        await AddRunAsync("a", seed: 1, maes: [5.0, 2.0]);
        await AddRunAsync("b", seed: 2, maes: [1.0]);
        await AddRunAsync("c", seed: 3, maes: [4.0, 3.0]);
        var page = await OpenMineAsync(client);
        Assert.Equal(["c", "b", "a"], Names(page));

        // Act / Assert: the val/mae_gy (min) column is shown by default; its header is a link to the next order.
        page = await client.GetAsync(MaeHeader(page).GetAttribute("href")!);
        Assert.Equal(["b", "a", "c"], Names(page));
        Assert.Equal("ascending", MaeHeader(page).ParentElement!.GetAttribute("aria-sort"));
        page = await client.GetAsync(MaeHeader(page).GetAttribute("href")!);
        Assert.Equal(["c", "a", "b"], Names(page));
        Assert.Equal("descending", MaeHeader(page).ParentElement!.GetAttribute("aria-sort"));
        page = await client.GetAsync(MaeHeader(page).GetAttribute("href")!);
        Assert.Equal(["c", "b", "a"], Names(page));
        Assert.Equal("none", MaeHeader(page).ParentElement!.GetAttribute("aria-sort"));

        static IElement MaeHeader(IHtmlDocument page) =>
            page.QuerySelectorAll("th").Single(th => th.TextContent.Contains("val/mae_gy (min)", StringComparison.Ordinal)).QuerySelector("a.sort-header")!;
    }

    [Fact]
    public async Task Paging_MoreRunsThanAPage_ShowsOnePageAndThePagerLinksTheNext()
    {
        // Arrange: one more run than the default page of 50 (newest first: r60 ... r10).
        using var client = new FormClient(server.App.Address);
        for (var i = 10; i <= 60; i++)
        {
            await AddRunAsync($"r{i}", seed: i, maes: []);
        }

        var page = await OpenMineAsync(client);
        Assert.Equal(50, Rows(page).Count);
        Assert.Equal("r60", Names(page)[0]);
        Assert.Contains("51 run(s) match, showing 1–50", Text(page, "[data-testid=run-count]"), StringComparison.Ordinal);

        // Act
        page = await client.GetAsync(page.QuerySelector("[data-testid=runs-pager] a[aria-label='page 2']")!.GetAttribute("href")!);

        // Assert: the filter travels with the page link.
        Assert.Equal(["r10"], Names(page));
        Assert.Contains("showing 51–51", Text(page, "[data-testid=run-count]"), StringComparison.Ordinal);
        Assert.Equal("2", Text(page, "[data-testid=runs-pager] [aria-current=page]"));
    }

    [Fact]
    public async Task ColumnPicker_ParameterTicked_TheTableGainsItsColumn()
    {
        // Arrange
        using var client = new FormClient(server.App.Address);
        await AddRunAsync("a", seed: 42, maes: [3.0]);
        var page = await OpenMineAsync(client);
        Assert.DoesNotContain(page.QuerySelectorAll("th"), th => th.TextContent.Trim() == "seed");

        // Act: tick the parameter's box and send the form.
        page.QuerySelector<IHtmlInputElement>("input[data-testid='column-param:seed']")!.IsChecked = true;
        page = await client.SubmitAsync(page, "[data-testid=runs-query]");

        // Assert: the new column, with the default ones kept.
        Assert.Contains(page.QuerySelectorAll("th"), th => th.TextContent.Trim() == "seed");
        Assert.Contains(page.QuerySelectorAll("th"), th => th.TextContent.Contains("val/mae_gy (min)", StringComparison.Ordinal));
        Assert.Contains(Rows(page)[0].QuerySelectorAll("td"), td => td.TextContent.Trim() == "42");
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[data-testid='column-param:seed']")!.IsChecked);
    }

    [Fact]
    public async Task Star_RunOnThePage_StoredAndTheSamePageComesBackWithUnstar()
    {
        // Arrange
        using var client = new FormClient(server.App.Address);
        var id = await AddRunAsync("a", seed: 1, maes: []);
        var page = await OpenMineAsync(client);

        // Act
        page = await PressAsync(client, page, $"star:{id}");

        // Assert: stored, drawn filled, and the form posted to the filtered address, so the filter still applies.
        Assert.True((await server.Queries.GetAsync(id, Token))!.Summary.Starred);
        Assert.Equal("unstar", page.QuerySelector("button[data-testid=star]")!.GetAttribute("aria-label"));
        Assert.Equal("row-icon row-icon-star", page.QuerySelector("button[data-testid=star] .row-icon")!.GetAttribute("class"));
        Assert.Equal(["a"], Names(page));
    }

    [Fact]
    public async Task Archive_Run_HiddenUntilShowArchived()
    {
        // Arrange
        using var client = new FormClient(server.App.Address);
        var old = await AddRunAsync("old", seed: 1, maes: []);
        await AddRunAsync("new", seed: 2, maes: []);
        var page = await OpenMineAsync(client);

        // Act
        page = await PressAsync(client, page, $"archive:{old}");
        var withArchived = await client.SubmitAsync(page, "[data-testid=runs-query]", Changes(("archived", "true")));

        // Assert
        Assert.Equal(["new"], Names(page));
        Assert.Contains($"Run {old} archived", Text(page, "[data-testid=runs-message]"), StringComparison.Ordinal);
        Assert.Equal(["new", "old"], Names(withArchived));
        Assert.Equal("restore", Rows(withArchived)[1].QuerySelector("button[data-testid=archive]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Delete_AskedThenCancelled_KeepsRunThenConfirmedRemovesIt()
    {
        // Arrange
        using var client = new FormClient(server.App.Address);
        var id = await AddRunAsync("doomed", seed: 1, maes: [1.0]);
        var page = await OpenMineAsync(client);

        // Act 1: ask, then cancel
        page = await PressAsync(client, page, $"delete:{id}");
        var question = Text(page, "[data-testid=delete-confirmation]");
        page = await PressAsync(client, page, "cancel");

        // Assert 1
        Assert.Contains($"Delete run {id} \"doomed\"", question, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=delete-confirmation]"));
        Assert.NotNull(await server.Queries.GetAsync(id, Token));

        // Act 2: ask, then confirm with the confirmation's own button
        page = await PressAsync(client, page, $"delete:{id}");
        page = await PressAsync(client, page, page.QuerySelector("button[data-testid=confirm-delete]")!.GetAttribute("value")!);

        // Assert 2
        Assert.Empty(Rows(page));
        Assert.Null(await server.Queries.GetAsync(id, Token));
        Assert.Contains($"Run {id} deleted.", Text(page, "[data-testid=runs-message]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_TwoRunsTicked_RedirectsToTheCompareAddressNamingBoth()
    {
        // Arrange
        using var client = new FormClient(server.App.Address);
        var first = await AddRunAsync("a", seed: 1, maes: [2.0]);
        var second = await AddRunAsync("b", seed: 2, maes: [1.0]);
        await AddRunAsync("c", seed: 3, maes: [3.0]);
        var page = await OpenMineAsync(client);

        // Act
        Tick(page, second);
        Tick(page, first);
        await PressAsync(client, page, "compare", expectPage: false);

        // Assert
        Assert.True(client.LastStatus is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, client.LastStatus.ToString());
        Assert.EndsWith($"compare?runs={first},{second}", client.LastRedirect, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_OneRunTicked_SaysToTickTwoAndKeepsTheTick()
    {
        // Arrange
        using var client = new FormClient(server.App.Address);
        var only = await AddRunAsync("a", seed: 1, maes: [2.0]);
        var page = await OpenMineAsync(client);

        // Act
        Tick(page, only);
        page = await PressAsync(client, page, "compare");

        // Assert
        Assert.Contains("two or more runs", Text(page, "[data-testid=runs-message]"), StringComparison.Ordinal);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[data-testid=select-run]")!.IsChecked);
        Assert.Equal("1", Text(page, "#compare-count"));
    }

    [Fact]
    public async Task Address_NonsenseValues_PageShownWithDefaultsNotAnError()
    {
        // Arrange
        using var client = new FormClient(server.App.Address);
        await AddRunAsync("a", seed: 1, maes: []);

        // Act: a page that is no number, a size not offered, and a page past the end.
        var page = await client.GetAsync($"runs?filter={Uri.EscapeDataString(Mine)}&page=x&size=7");
        var pastTheEnd = await client.GetAsync($"runs?filter={Uri.EscapeDataString(Mine)}&page=99");

        // Assert
        Assert.Equal(["a"], Names(page));
        Assert.Equal("50", page.QuerySelector<IHtmlSelectElement>("[data-testid=page-size]")!.QuerySelector("option[selected]")!.TextContent);
        Assert.Equal(["a"], Names(pastTheEnd));
    }

    private Task<IHtmlDocument> OpenMineAsync(FormClient client) => client.GetAsync($"runs?filter={Uri.EscapeDataString(Mine)}");

    private static async Task<IHtmlDocument> PressAsync(FormClient client, IHtmlDocument page, string command, bool expectPage = true)
    {
        var next = await client.SubmitAsync(page, "[data-testid=run-actions]", pressed: ("command", command));
        Assert.True(!expectPage || client.LastStatus == HttpStatusCode.OK, $"{command}: {client.LastStatus}");
        return next;
    }

    private static void Tick(IHtmlDocument page, long runId) =>
        page.QuerySelector<IHtmlInputElement>($"input[data-testid=select-run][value='{runId}']")!.IsChecked = true;

    private static Dictionary<string, string?> Changes(params (string Name, string? Value)[] changes) =>
        changes.ToDictionary(c => c.Name, c => c.Value);

    private async Task<long> AddRunAsync(string name, int seed, double[] maes)
    {
        var id = await server.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = _experiment,
            Name = name,
            ConfigJson = $$"""{"seed": {{seed}}}""",
            Status = RunStatus.Completed,
        }, Token);
        if (maes.Length > 0)
        {
            await server.Recorder.AppendMetricsAsync(id, [.. maes.Select((v, e) => new MetricValue("val/mae_gy", e + 1, e, v))], Token);
        }

        return id;
    }

    private static string Text(IHtmlDocument page, string selector) =>
        (page.QuerySelector(selector) ?? throw new InvalidOperationException($"No {selector} on the page")).TextContent;

    private static List<IElement> Rows(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#runs-table tbody tr").Where(r => r.QuerySelector("[data-testid=run-link]") is not null)];

    private static List<string> Names(IHtmlDocument page) =>
        [.. Rows(page).Select(r => r.QuerySelector("[data-testid=run-link]")!.TextContent.Trim())];
}
