using System.Net;
using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web;

/// <summary>The server as a new user meets it: no data folder configured, so it generates the demo phantoms.</summary>
public sealed class HomePageTests
{
    [Fact]
    public async Task HomePage_NoDataFolderConfigured_ServesGeneratedDemoDataset()
    {
        // Arrange
        using var app = new VmatAppFactory();
        using var client = new HttpClient { BaseAddress = app.Address };

        // Act
        var snapshot = await app.WaitForDatasetAsync(TimeSpan.FromMinutes(2));
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(DatasetPhase.Ready, snapshot.Phase);
        Assert.True(snapshot.Report!.IsValid, string.Join("\n", snapshot.Report.Cases.SelectMany(c => c.Problems)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("synthetic demo phantoms", html, StringComparison.Ordinal);
        Assert.Contains(app.Folder.File("demo"), html, StringComparison.Ordinal);
        Assert.Contains(app.Folder.File("tracker.db"), html, StringComparison.Ordinal);
        Assert.Contains("cpu (libtorch 2.10", html, StringComparison.Ordinal);
        Assert.All(["case_0001", "case_0002", "case_0003"], id => Assert.Contains(id, html, StringComparison.Ordinal));
        Assert.DoesNotContain("case_0004", html, StringComparison.Ordinal);
        Assert.Contains("1 train / 1 val / 1 test", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_ConfiguredFolderMissing_SaysSoAndStillServes()
    {
        // Arrange
        using var app = new VmatAppFactory(new Dictionary<string, string?> { ["VmatTracker:DataRoot"] = "/nonexistent/vmat-data" });
        using var client = new HttpClient { BaseAddress = app.Address };

        // Act
        var snapshot = await app.WaitForDatasetAsync(TimeSpan.FromMinutes(1));
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        // Assert
        Assert.False(snapshot.Report!.IsValid);
        Assert.Contains("does not exist", snapshot.Report.FolderProblems[0], StringComparison.Ordinal);
        Assert.Contains("/nonexistent/vmat-data", html, StringComparison.Ordinal);
        Assert.DoesNotContain("synthetic demo phantoms", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticAssets_MudBlazorStylesheet_Served()
    {
        // Arrange
        using var app = new VmatAppFactory();
        using var client = new HttpClient { BaseAddress = app.Address };

        // Act
        var response = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
