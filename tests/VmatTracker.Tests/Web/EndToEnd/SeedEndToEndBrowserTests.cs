using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Runs.Presets;
using VmatTracker.Runs.Queue;

namespace VmatTracker.Tests.Web.EndToEnd;

/// <summary>Reproducing the seed from the browser: the form queues the plan, the runs train one after another, the
/// queue page shows them.</summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class SeedEndToEndBrowserTests(DashboardServerFixture server)
{
    [Fact]
    public async Task SeedPage_QueueSmoke_FourRunsQueuedFirstTrainsQueuePageShowsThem()
    {
        // Arrange
        await server.App.WaitForDatasetAsync(TimeSpan.FromMinutes(2));
        var queue = server.App.Services.GetRequiredService<TrainingQueue>();
        var queries = server.App.Services.GetRequiredService<RunQueries>();
        var page = await server.NewPageAsync();
        await DashboardServerFixture.GoAsync(page, "runs/new");
        await page.GetByTestId("link-seed").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/experiments/seed$"));
        await page.GetByTestId("page-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("seed-size").SelectOptionAsync("smoke");
        await Screenshots.SaveAsync(page, "seed");
        List<long> ids = [];
        try
        {
            // Act
            await page.GetByTestId("seed-queue").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(SeedAddress());
            ids = [.. SeedAddress().Match(page.Url).Groups[1].Value.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture))];

            // Assert: the four recipes queued in the store's order; the first trains, and the page follows them.
            Assert.Equal(4, ids.Count);
            await Assertions.Expect(page.GetByTestId("seed-run")).ToHaveCountAsync(4);
            await Assertions.Expect(page.GetByTestId("seed-run").First.GetByTestId("status-chip")).ToHaveTextAsync("running", new() { Timeout = 60_000 });
            await Screenshots.SaveAsync(page, "seed-progress");
            var names = new List<string>();
            foreach (var id in ids)
            {
                names.Add((await queries.GetAsync(id, TestContext.Current.CancellationToken))!.Summary.Name);
            }

            Assert.Equal(SeedExperiment.Recipes.Select(r => r.RunName + "_s42"), names);
            await DashboardServerFixture.GoAsync(page, "queue");
            await Assertions.Expect(page.GetByTestId("running-run")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("waiting-run")).ToHaveCountAsync(3);
            await Screenshots.SaveAsync(page, "queue");
        }
        finally
        {
            // The server is shared: leave nothing training or waiting for the other tests.
            foreach (var id in ids)
            {
                await queue.CancelAsync(id, CancellationToken.None);
                queue.Stop(id);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (queue.Snapshot().Running.Count > 0)
            {
                await Task.Delay(100, wait.Token);
            }
        }

        Assert.All(ids, id => Assert.NotEqual(RunStatus.Queued, queries.GetAsync(id, CancellationToken.None).Result!.Summary.Status));
    }

    [GeneratedRegex(@"/experiments/seed\?runs=([0-9,]+)$")]
    private static partial Regex SeedAddress();
}
