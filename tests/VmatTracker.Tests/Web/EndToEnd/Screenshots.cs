using Microsoft.Playwright;

namespace VmatTracker.Tests.Web.EndToEnd;

/// <summary>
/// Saves what the end-to-end tests see, one PNG per page visited, to a predictable place in the test output folder:
/// <c>artifacts/bin/VmatTracker.Tests/debug/e2e-screenshots/&lt;name&gt;.png</c> (never committed from there;
/// docs/user-guide.md's images are copied from it by hand).
/// </summary>
public static class Screenshots
{
    /// <summary>The folder (created on first use).</summary>
    public static string Folder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "e2e-screenshots")).FullName;

    /// <summary>Saves the whole page as <c>&lt;name&gt;.png</c>; returns the path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
