using System.Text.RegularExpressions;

namespace VmatTracker.Web.Services.Reports;

/// <summary>Serves the zips <see cref="ReportExport"/> wrote: <c>GET /reports/{name}.zip</c>, only names of the form it
/// writes, only from the reports folder.</summary>
public static partial class ReportEndpoints
{
    /// <summary>The address of a report zip.</summary>
    public static string DownloadPath(string zipName) => "/reports/" + Uri.EscapeDataString(zipName);

    /// <summary>Maps the download endpoint.</summary>
    public static IEndpointRouteBuilder MapReportDownloads(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/reports/{name}", (string name, ReportExport export) =>
        {
            // Only names the exporter makes: no separators, no "..", so the path cannot leave the reports folder.
            if (!ZipName().IsMatch(name))
            {
                return Results.NotFound();
            }

            var path = Path.Combine(export.ReportsFolder, name);
            return File.Exists(path)
                ? Results.File(path, "application/zip", name)
                : Results.NotFound();
        });
        return endpoints;
    }

    [GeneratedRegex(@"^report_[0-9-]+_[0-9]{8}T[0-9]{6}\.zip$", RegexOptions.CultureInvariant)]
    private static partial Regex ZipName();
}
