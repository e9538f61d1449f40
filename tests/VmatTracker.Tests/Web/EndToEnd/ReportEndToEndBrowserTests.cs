using System.IO.Compression;
using Microsoft.Playwright;
using VmatTracker.Tests.Infrastructure;
using static VmatTracker.Tests.Reports.ReportStoreBuilder;

namespace VmatTracker.Tests.Web.EndToEnd;

/// <summary>The compare page's seed groups, statistics and Report in the browser, over runs recorded through the
/// server's own RunRecorder (three baseline seeds and two other recipes, nine test cases each, DVH files on disk).</summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ReportEndToEndBrowserTests(DashboardServerFixture server) : IDisposable
{
    // The known Wilcoxon pair (exact p = 0.0391) and reference-spec 4.5's baseline seeds (4.80, 4.33, 3.51).
    private static readonly double[] s_x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
    private static readonly double[] s_y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    private static readonly double[] s_seedMeans = [4.80, 4.33, 3.51];

    private readonly TempFolder _folder = new("vmat-e2e-report");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ComparePage_SeedsOfThreeRecipes_StatisticsShownAndReportDownloads()
    {
        // Arrange
        var token = TestContext.Current.CancellationToken;
        var ids = new List<long>();
        for (var s = 0; s < 3; s++)
        {
            ids.Add(await RecordAsync(server.Recorder, Spec("Baseline", "baseline", 42 + s, [5.2, 4.9, 4.7 + (0.1 * s)], s_y, s_seedMeans[s], 0.0), token));
        }

        var shift = s_seedMeans.Average() - s_y.Average();
        ids.Add(await RecordAsync(server.Recorder, Spec("Gradient", "gradient", 42, [5.0, 4.6, 4.5], s_y.Select(v => v * 0.97).ToArray(), (s_y.Average() * 0.97) + shift, 0.5), token));
        ids.Add(await RecordAsync(server.Recorder, Spec("Structure", "structure", 42, [4.8, 4.4, 4.2], s_x, s_x.Average() + shift, 1.0), token));
        var page = await server.NewPageAsync();

        // Act
        await DashboardServerFixture.GoAsync(page, $"compare?runs={string.Join(',', ids)}&baseline={ids[0]}");

        // Assert: three recipes; the structure recipe's Test MAE against the baseline is the exact Wilcoxon.
        await Assertions.Expect(page.GetByTestId("recipe-row")).ToHaveCountAsync(3);
        Assert.Contains("4.21 ± 0.53 Gy (n = 3)", await page.GetByTestId("recipe-row").First.TextContentAsync(), StringComparison.Ordinal);
        var structure = page.GetByTestId("paired-row").Filter(new() { HasText = "Structure" }).First;
        Assert.Contains("0.0391 (exact, W = 5.0)", await structure.TextContentAsync(), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("#compare-curves-chart .main-svg");
        await Screenshots.SaveAsync(page, "compare-statistics");

        // Report: written on the server, offered as a zip the browser fetches through the endpoint.
        await page.GetByTestId("write-report").ClickAsync();
        var download = page.GetByTestId("report-download");
        await Assertions.Expect(download).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Screenshots.SaveAsync(page, "compare-report");
        var response = await page.APIRequest.GetAsync((await download.GetAttributeAsync("href"))!);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/zip", response.Headers["content-type"]);
        using var archive = new ZipArchive(new MemoryStream(await response.BodyAsync()));
        var names = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
        Assert.Contains("report.md", names);
        Assert.Contains("figures/fig4_dvh.png", names);
        Assert.Equal(404, (await page.APIRequest.GetAsync("/reports/report_1_20260101T000000.zip")).Status);
        Assert.Equal(404, (await page.APIRequest.GetAsync("/reports/..%2Ftracker.db")).Status);
    }

    private Spec Spec(string name, string recipe, int seed, double[] valMae, double[] values, double mean, double dvhShift)
    {
        var offset = mean - values.Average();
        var cases = Enumerable.Range(0, values.Length).ToDictionary(i => $"case_{i:00}",
            i => (values[i] + offset, 90.0 + (i * 0.5) + dvhShift, (double?)(95.0 + dvhShift), -1.0 + (0.4 * dvhShift)));
        var evaluationFolder = Path.Combine(_folder.Path, $"{recipe}_s{seed}", "predictions");
        string? source = null;
        foreach (var caseId in cases.Keys)
        {
            source = WriteDvh(evaluationFolder, caseId, dvhShift);
        }

        var config = new Dictionary<string, object> { ["seed"] = seed, ["exp_name"] = $"{recipe}_s{seed}", ["recipe"] = recipe };
        return new Spec(name, config, valMae, 5400, cases, source, WithAggregates: true);
    }
}
