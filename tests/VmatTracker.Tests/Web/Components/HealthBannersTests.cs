using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Web.Components.Layout;
using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web.Components;

/// <summary>The layout's banners for an unusable database, a missing data folder and a public listen address.</summary>
public sealed class HealthBannersTests : DashboardContext
{
    private readonly ServerHealth _health = new();

    public HealthBannersTests() => Services.AddSingleton(_health);

    [Fact]
    public void Banners_AllWell_ShowThePageOnly()
    {
        // Arrange
        _health.Listening(["http://127.0.0.1:5185", "http://[::1]:5185"]);

        // Act
        var banners = RenderAt("runs");

        // Assert
        Assert.NotNull(banners.Find("[data-testid=page-body]"));
        Assert.Empty(banners.FindAll(".mud-alert"));
    }

    [Fact]
    public void Banners_DatabaseFailed_ExplainAndReplaceAPageThatNeedsIt()
    {
        // Arrange
        _health.DatabaseFailed("The tracking database /x/file/tracker.db cannot be opened or brought up to date: Not a directory");

        // Act
        var runs = RenderAt("runs");

        // Assert
        var banner = runs.Find("[data-testid=banner-database]").TextContent;
        Assert.Contains("/x/file/tracker.db", banner, StringComparison.Ordinal);
        Assert.Contains("VmatTracker:DatabasePath", banner, StringComparison.Ordinal);
        Assert.NotNull(runs.Find("[data-testid=page-needs-database]"));
        Assert.Empty(runs.FindAll("[data-testid=page-body]"));
    }

    [Fact]
    public void Banners_DatabaseFailed_PagesWithoutDatabaseStillShown()
    {
        // Arrange
        _health.DatabaseFailed("broken");

        // Act
        var settings = RenderAt("settings");

        // Assert
        Assert.NotNull(settings.Find("[data-testid=banner-database]"));
        Assert.NotNull(settings.Find("[data-testid=page-body]"));
    }

    [Fact]
    public void Banners_DataFolderMissing_SayWhichAndHowToFix()
    {
        // Arrange
        var missing = Path.Combine(DataFolder, "gone");
        Services.GetRequiredService<DatasetState>().Update(s => s with { Phase = DatasetPhase.Ready, Report = DatasetCatalog.Scan(missing, null, Token) });

        // Act
        var banners = RenderAt("");

        // Assert
        var banner = banners.Find("[data-testid=banner-data-folder]").TextContent;
        Assert.Contains(missing + ": the data folder does not exist", banner, StringComparison.Ordinal);
        Assert.Contains("VmatTracker:DataRoot", banner, StringComparison.Ordinal);
        Assert.NotNull(banners.Find("[data-testid=page-body]"));
    }

    [Fact]
    public void Banners_ListeningOnAnyAddress_WarnThatThereAreNoAccounts()
    {
        // Arrange
        _health.Listening(["http://127.0.0.1:5185", "http://[::]:8080"]);

        // Act
        var banners = RenderAt("runs");

        // Assert
        var banner = banners.Find("[data-testid=banner-public-address]").TextContent;
        Assert.Contains("http://[::]:8080", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", banner, StringComparison.Ordinal);
        Assert.Contains("no accounts", banner, StringComparison.Ordinal);
    }

    private IRenderedComponent<HealthBanners> RenderAt(string page)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(page);
        return Render<HealthBanners>(p => p.AddChildContent("<p data-testid=\"page-body\">page</p>"));
    }
}
