using Bunit;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Web.Components.Pages;
using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web.Components;

/// <summary>The datasets page over real folders: three generated phantoms and one corrupt file.</summary>
public sealed class DatasetsPageTests : DashboardContext
{
    [Fact]
    public void DatasetsPage_ConfiguredRoot_ScanShowsValidAndCorruptCasesFingerprintAndSplit()
    {
        // Arrange: a configured data root (not the one scanned at start-up) with 3 valid cases and a corrupt one.
        var root = Path.Combine(DataFolder, "configured");
        PhantomDataset.Write(root, 3, new PhantomOptions { Shape = new VolumeShape(16, 16, 16), Spacing = new VoxelSpacing(8, 8, 8), Seed = 3 },
            reuseExisting: false, null, Token);
        File.WriteAllText(Path.Combine(root, "case_0009.npz"), "this is not a zip archive");
        Settings.DataRoot = root;
        var expected = DatasetCatalog.Scan(root, null, Token);
        var page = Render<Datasets>();

        // Act
        var folders = page.FindAll("[data-testid=dataset-folder]").Select(e => e.TextContent).ToList();
        page.FindAll("[data-testid=scan-dataset]")[0].Click();

        // Assert: both roots listed, the configured one first; its scan shows every case with its status.
        Assert.Equal([root, DataFolder], folders);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=case-case_0009]")));
        var corrupt = page.Find("[data-testid=case-case_0009]").TextContent;
        Assert.Contains("invalid", corrupt, StringComparison.Ordinal);
        Assert.Contains("case_0009.npz", corrupt, StringComparison.Ordinal);
        Assert.All(["case_0001", "case_0002", "case_0003"], id =>
            Assert.Contains("valid", page.Find($"[data-testid=case-{id}]").TextContent, StringComparison.Ordinal));
        Assert.Contains(expected.Fingerprint, page.Find("[data-testid=dataset-fingerprint]").TextContent, StringComparison.Ordinal);
        Assert.Contains("prostate", page.Find("[data-testid=dataset-site]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 of 4 cases have problems", page.Find("[data-testid=dataset-status]").TextContent, StringComparison.Ordinal);
        var split = DataSplit.FromSeed(["case_0001", "case_0002", "case_0003"], 42);
        Assert.Contains($"1 train / 1 val / 1 test (test: {split.Test[0]})", page.Find("[data-testid=dataset-split]").TextContent, StringComparison.Ordinal);
        Assert.Contains("test", page.Find($"[data-testid=case-{split.Test[0]}]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DatasetsPage_StartupDataset_ShowsTheStartupReportAndMissingFolder()
    {
        // Arrange: the start-up scan found the folder missing.
        var missing = Path.Combine(DataFolder, "nowhere");
        var state = Services.GetService<DatasetState>();
        state!.Update(s => s with { Phase = DatasetPhase.Ready, Report = DatasetCatalog.Scan(missing, null, Token), Message = "0 valid cases" });

        // Act
        var page = Render<Datasets>();

        // Assert
        Assert.Contains("the data folder does not exist", page.Find("[data-testid=folder-problem]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=scan-dataset]"));
    }
}
