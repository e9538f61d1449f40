using System.Globalization;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Cli.Commands;

/// <summary>Writes a dataset validation report as a plain-text table.</summary>
public static class DatasetReportTable
{
    /// <summary>One line per case, then a summary line with the fingerprint.</summary>
    public static void Write(DatasetReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"{"case",-24} {"status",-8} {"shape",-13} {"spacing",-20} {"site",-10} {"ch",2}  absent / problems"));
        foreach (var c in report.Cases)
        {
            var detail = c.IsValid
                ? (c.AbsentStructures.Count == 0 ? "-" : "absent: " + string.Join(", ", c.AbsentStructures))
                : string.Join(" | ", c.Problems.Select(p => p.StartsWith(c.FilePath, StringComparison.Ordinal) ? p[(c.FilePath.Length + 2)..] : p));
            output.WriteLine(string.Create(culture,
                $"{c.CaseId,-24} {(c.IsValid ? "ok" : "INVALID"),-8} {c.Shape?.ToString() ?? "?",-13} {c.Spacing?.ToString() ?? "?",-20} {c.Site ?? "?",-10} {c.ChannelCount?.ToString(culture) ?? "?",2}  {detail}"));
            foreach (var warning in c.Warnings)
            {
                output.WriteLine($"{string.Empty,-24} warning  {warning}");
            }
        }

        var invalid = report.InvalidCases.Count();
        output.WriteLine(string.Create(culture,
            $"{report.Cases.Count} cases, {report.Cases.Count - invalid} valid, {invalid} invalid; fingerprint {report.Fingerprint[..16]}; folder {report.Folder}"));
    }
}
