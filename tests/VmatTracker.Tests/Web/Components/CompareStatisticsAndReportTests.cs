using System.IO.Compression;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Web.Components.Pages;
using static VmatTracker.Tests.Reports.ReportStoreBuilder;

namespace VmatTracker.Tests.Web.Components;

/// <summary>The compare page's seed groups and paired statistics (the report's numbers) and its Report button.</summary>
public sealed class CompareStatisticsAndReportTests : DashboardContext
{
    // The known Wilcoxon pair (exact p = 0.0391 for x against y), and reference-spec 4.5's three baseline seeds
    // (test MAE 4.80, 4.33, 3.51 → 4.21 ± 0.53).
    private static readonly double[] s_x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
    private static readonly double[] s_y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    private static readonly double[] s_seedMeans = [4.80, 4.33, 3.51];
    private static readonly int[] s_seeds = [42, 123, 456];

    [Fact]
    public async Task Render_SeedsOfTwoRecipesAndAThreeCaseRun_MeanStdWilcoxonHolmAndTooFew()
    {
        // Arrange
        var ids = await RecordRunsAsync();

        // Act
        var page = Open($"compare?runs={string.Join(',', ids)}&baseline={ids[0]}");

        // Assert: three recipes, the baseline's seeds together with the reference's aggregate.
        var recipes = page.WaitForElements("[data-testid=recipe-row]");
        Assert.Equal(3, recipes.Count);
        var baseline = Cells(recipes[0]);
        Assert.Equal("Baseline (baseline)", baseline[0]);
        Assert.Equal($"#{ids[0]}, #{ids[1]}, #{ids[2]}", baseline[1]);
        Assert.Equal("4.21 ± 0.53 Gy (n = 3)", baseline[3]);

        // Test MAE family: Struct p = 0.0391 exact; Holm over Struct alone (DVH has too few cases, so it is not in the family).
        var paired = page.FindAll("[data-testid=paired-row]").Select(Cells).ToList();
        var structure = paired.Single(r => r[0] == "Test MAE" && r[1] == "Struct");
        Assert.Equal("9", structure[2]);
        Assert.StartsWith("0.432 [", structure[3], StringComparison.Ordinal);
        Assert.Equal("0.0391 (exact, W = 5.0)", structure[4]);
        Assert.Equal("0.0391", structure[5]);
        var dvh = paired.Single(r => r[0] == "Test MAE" && r[1] == "DVH");
        Assert.Equal(["3", "too few paired cases (n = 3; at least 5 needed)", "too few paired cases (n = 3; at least 5 needed)",
            "too few paired cases (n = 3; at least 5 needed)"], dvh[2..]);
    }

    [Fact]
    public async Task Report_ComparedRuns_WritesReportAndFiguresIntoTheRunsFolderAndAZip()
    {
        // Arrange
        var ids = await RecordRunsAsync();
        var page = Open($"compare?runs={string.Join(',', ids)}&baseline={ids[3]}");

        // Act
        page.WaitForElement("button[data-testid=write-report]").Click();

        // Assert: the report (baseline as chosen) under <runs folder>/reports, its zip with report.md and PNG figures.
        page.WaitForElement("[data-testid=report-written]", TimeSpan.FromSeconds(60));
        var reports = Path.Combine(Settings.RunsFolder!, "reports");
        var zip = Assert.Single(Directory.GetFiles(reports, "*.zip"));
        Assert.Equal("/reports/" + Path.GetFileName(zip), page.Find("[data-testid=report-download]").GetAttribute("href"));
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, Path.GetFileNameWithoutExtension(zip), "report.md"), Token);
        Assert.Contains("Struct (baseline)", markdown, StringComparison.Ordinal);
        using var archive = ZipFile.OpenRead(zip);
        var names = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
        Assert.Contains("report.md", names);
        Assert.Contains(names, n => n.StartsWith("figures/", StringComparison.Ordinal) && n.EndsWith(".png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_RunsFolderIsAFile_ClearErrorNoCrash()
    {
        // Arrange: the runs folder's path is taken by a file, so nothing can be written under it.
        var ids = await RecordRunsAsync();
        await File.WriteAllTextAsync(Settings.RunsFolder!, "not a folder", Token);
        var page = Open($"compare?runs={ids[0]},{ids[3]}");

        // Act
        page.WaitForElement("button[data-testid=write-report]").Click();

        // Assert
        var problem = page.WaitForElement("[data-testid=report-problem]").TextContent;
        Assert.StartsWith("The report could not be written:", problem.Trim(), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=report-written]"));
    }

    private static string[] Cells(AngleSharp.Dom.IElement row) => [.. row.QuerySelectorAll("td").Select(c => c.TextContent.Trim())];

    private static Dictionary<string, object> Config(string recipe, int seed) => new()
    {
        ["seed"] = seed,
        ["exp_name"] = $"{recipe}_s{seed}",
        ["log_dir"] = $"/runs/{recipe}_s{seed}",
        ["recipe"] = recipe,
    };

    // Each seed's cases shifted so the seed's mean MAE is the wanted one (the per-case differences between recipes stay).
    private static Dictionary<string, (double, double, double?, double)> Cases(double[] values, double seedMean, int take = 9)
    {
        var shift = seedMean - values.Average();
        return Enumerable.Range(0, take).ToDictionary(i => $"case_{i:00}", i => (values[i] + shift, 50.0 + i, (double?)null, -1.0 - (0.1 * i)));
    }

    private async Task<List<long>> RecordRunsAsync()
    {
        var ids = new List<long>();
        for (var s = 0; s < 3; s++)
        {
            ids.Add(await RecordAsync(Store, new Spec("Baseline", Config("baseline", s_seeds[s]), [5.0], 3600, Cases(s_y, s_seedMeans[s])), Token));
        }

        var structureMean = s_seedMeans.Average() + s_x.Average() - s_y.Average();
        ids.Add(await RecordAsync(Store, new Spec("Struct", Config("struct", 42), [4.0], 3600, Cases(s_x, structureMean)), Token));
        ids.Add(await RecordAsync(Store, new Spec("DVH", Config("dvh", 42), [4.4], 3600, Cases(s_y, 4.0, take: 3)), Token));
        return ids;
    }

    private IRenderedComponent<Compare> Open(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<Compare>();
    }
}
