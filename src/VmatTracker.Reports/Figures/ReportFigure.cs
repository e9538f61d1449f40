namespace VmatTracker.Reports.Figures;

/// <summary>One figure of the report: written as a PNG, or not, with the reason.</summary>
/// <param name="FileName">File name inside the report's <c>figures/</c> folder.</param>
/// <param name="Title">Caption title.</param>
/// <param name="Missing">Why it was not drawn; null when it was.</param>
public sealed record ReportFigure(string FileName, string Title, string? Missing)
{
    /// <summary>Whether the PNG was written.</summary>
    public bool Written => Missing is null;
}
