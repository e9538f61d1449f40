using VmatTracker.Reports.Figures;
using VmatTracker.Reports.Markdown;

namespace VmatTracker.Reports;

/// <summary>Writes a built report into a folder: <c>report.md</c> and its PNG figures under <c>figures/</c>.</summary>
public static class ReportWriter
{
    /// <summary>The report file's name.</summary>
    public const string ReportFileName = "report.md";

    /// <summary>Writes the report; returns the path of report.md and the figures (drawn or not, with why).</summary>
    public static async Task<(string ReportPath, IReadOnlyList<ReportFigure> Figures)> WriteAsync(ExperimentReport report,
        string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var figures = ReportFigures.Render(report, Path.Combine(folder, "figures"));
        var path = Path.Combine(folder, ReportFileName);
        await File.WriteAllTextAsync(path, ReportMarkdown.Write(report, figures), cancellationToken).ConfigureAwait(false);
        return (path, figures);
    }
}
