using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Options;
using VmatTracker.Data.Queries;
using VmatTracker.Reports;
using VmatTracker.Reports.Figures;
using VmatTracker.Runs.Configuration;

namespace VmatTracker.Web.Services.Reports;

/// <summary>A report written for the compare page.</summary>
/// <param name="Folder">The folder with report.md and figures/.</param>
/// <param name="ZipName">The zip's file name (served by <see cref="ReportEndpoints"/>).</param>
/// <param name="Figures">Each figure, drawn or with the reason it was not.</param>
public sealed record ExportedReport(string Folder, string ZipName, IReadOnlyList<ReportFigure> Figures)
{
    /// <summary>Where the browser downloads the zip.</summary>
    public string DownloadPath => ReportEndpoints.DownloadPath(ZipName);
}

/// <summary>
/// The compare page's Report button: the same <see cref="ReportBuilder"/> and <see cref="ReportWriter"/> as
/// <c>vmat report</c>, written into <c>&lt;runs folder&gt;/reports/report_&lt;ids&gt;_&lt;time&gt;/</c>, then zipped
/// (report.md and figures/) beside it for download.
/// </summary>
public sealed class ReportExport(RunQueries queries, IOptions<VmatTrackerOptions> settings, TimeProvider time)
{
    /// <summary>The folder under the runs folder that holds the reports.</summary>
    public const string ReportsFolderName = "reports";

    /// <summary>The folder the zips are served from.</summary>
    public string ReportsFolder => Path.Combine(DataRoots.RunsFolder(settings.Value), ReportsFolderName);

    /// <summary>Builds and writes the report of <paramref name="runIds"/> with <paramref name="baselineId"/>.</summary>
    /// <exception cref="ReportException">No runs, a run not in the store, or a baseline outside the runs.</exception>
    /// <exception cref="IOException">The folder or zip could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The runs folder is not writable.</exception>
    public async Task<ExportedReport> WriteAsync(IReadOnlyList<long> runIds, long? baselineId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var report = await new ReportBuilder(queries, time).BuildAsync(runIds, baselineId, cancellationToken).ConfigureAwait(false);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"report_{string.Join('-', runIds)}_{time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss}");
        var folder = Path.Combine(ReportsFolder, name);
        var (_, figures) = await ReportWriter.WriteAsync(report, folder, cancellationToken).ConfigureAwait(false);
        var zip = Path.Combine(ReportsFolder, name + ".zip");
        var partial = zip + ".partial";
        File.Delete(partial);
        ZipFile.CreateFromDirectory(folder, partial, CompressionLevel.Optimal, includeBaseDirectory: false);
        File.Move(partial, zip, overwrite: true);
        return new ExportedReport(folder, Path.GetFileName(zip), figures);
    }
}
