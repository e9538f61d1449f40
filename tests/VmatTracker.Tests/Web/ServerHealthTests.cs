using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Web;

/// <summary>The real server (Kestrel, real SQLite path) when its database cannot be used, and its Settings page.</summary>
public sealed class ServerHealthTests
{
    [Fact]
    public async Task Server_DatabaseUnderAFile_StartsAndAnswersPagesWithTheBanner()
    {
        // Arrange: the database path runs through a regular file, so its folder can never be created.
        using var folder = new TempFolder("vmat-broken-db");
        var blocker = folder.File("not-a-folder");
        File.WriteAllText(blocker, "a file");
        using var broken = new VmatAppFactory(new Dictionary<string, string?>
        {
            ["VmatTracker:DatabasePath"] = Path.Combine(blocker, "tracker.db"),
        });
        using var client = new HttpClient { BaseAddress = broken.Address };

        // Act
        var runs = await client.GetAsync("/runs", TestContext.Current.CancellationToken);
        var runsHtml = await runs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var settings = await client.GetAsync("/settings", TestContext.Current.CancellationToken);
        var settingsHtml = await settings.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert: no 500, no stack trace; the banner names the file, and the page that needs the store says so.
        Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
        Assert.Contains("banner-database", runsHtml, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(blocker, "tracker.db"), runsHtml, StringComparison.Ordinal);
        Assert.Contains("page-needs-database", runsHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", runsHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Contains("banner-database", settingsHtml, StringComparison.Ordinal);
        Assert.Contains("settings-table", settingsHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsPage_RealServer_ShowsResolvedPathsAndWhereTheyCameFrom()
    {
        // Arrange
        using var app = new VmatAppFactory();
        using var client = new HttpClient { BaseAddress = app.Address };

        // Act
        var html = await client.GetStringAsync("/settings", TestContext.Current.CancellationToken);

        // Assert: the factory's settings are the runs folder and database; the listen address is the test's loopback port.
        Assert.Contains(app.Folder.File("tracker.db"), html, StringComparison.Ordinal);
        Assert.Contains(app.Folder.File("runs"), html, StringComparison.Ordinal);
        Assert.Contains(app.Address.ToString().TrimEnd('/'), html, StringComparison.Ordinal);
        Assert.DoesNotContain("banner-public-address", html, StringComparison.Ordinal);
        Assert.DoesNotContain("banner-database", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_ListeningOnAnyAddress_ShowsTheNoAccountsBanner()
    {
        // Arrange: Kestrel on every interface (port chosen by the system), as --urls http://0.0.0.0:PORT would.
        using var app = new AnyAddressFactory();
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{new Uri(address).Port}") };

        // Act
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("banner-public-address", html, StringComparison.Ordinal);
        Assert.Contains("no accounts", html, StringComparison.Ordinal);
        Assert.Contains(address, html, StringComparison.Ordinal);
    }

    // The real server bound to every interface, with the same temporary paths and tiny demo dataset as VmatAppFactory.
    private sealed class AnyAddressFactory : WebApplicationFactory<Program>
    {
        private readonly TempFolder _folder = new("vmat-web-any");

        public AnyAddressFactory() => UseKestrel(options => options.ListenAnyIP(0));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("VmatTracker:DemoDataFolder", _folder.File("demo"));
            builder.UseSetting("VmatTracker:DatabasePath", _folder.File("tracker.db"));
            builder.UseSetting("VmatTracker:RunsFolder", _folder.File("runs"));
            builder.UseSetting("VmatTracker:DemoCases", "3");
            builder.UseSetting("VmatTracker:DemoShape", "32,32,32");
            builder.UseSetting("VmatTracker:DemoSpacingMm", "8,8,8");
            builder.UseEnvironment("Development");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _folder.Dispose();
            }
        }
    }
}
