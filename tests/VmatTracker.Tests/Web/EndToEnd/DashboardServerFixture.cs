using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Web.EndToEnd;

/// <summary>
/// One real server (Kestrel on a free port, temp database) and one headless Debian Chromium driven by Playwright,
/// shared by the end-to-end tests. No browser is downloaded: Playwright launches the system's chromium
/// ($VMAT_CHROMIUM, else /usr/bin/chromium, else chromium on PATH). Without one the tests skip locally and fail
/// under CI (CI=true), where .ci/run installs it.
/// </summary>
public sealed class DashboardServerFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public VmatAppFactory App { get; } = new();

    public IBrowser? Browser { get; private set; }

    public string? MissingReason { get; private set; }

    public RunRecorder Recorder => App.Services.GetRequiredService<RunRecorder>();

    public async ValueTask InitializeAsync()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            MissingReason = "Debian's chromium was not found (apt-get install chromium, or set VMAT_CHROMIUM)";
            return;
        }

        _ = App.Address;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh page on the server, or a skip (a failure under CI) when there is no browser.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (Browser is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(MissingReason + "; CI must install it.");
            }

            Assert.Skip(MissingReason + ".");
        }

        var page = await Browser!.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = App.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page is live over its Blazor circuit.</summary>
    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.GetByTestId("page-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        App.Dispose();
    }

    private static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("VMAT_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists);
    }
}
