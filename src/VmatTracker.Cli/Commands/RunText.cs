using System.Globalization;
using System.Text;
using VmatTracker.Data.Queries;

namespace VmatTracker.Cli.Commands;

/// <summary>The plain-text view of <c>vmat runs show</c>.</summary>
public static class RunText
{
    /// <summary>Formats one run for reading in a terminal.</summary>
    public static string Detail(RunDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var run = detail.Summary;
        var text = new StringBuilder();
        void Line(string label, object? value)
        {
            if (value is not null)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{label,-14} {value}"));
            }
        }

        Line("run", run.Id);
        Line("name", run.Name);
        Line("experiment", run.Experiment);
        Line("status", run.Status.ToString().ToLowerInvariant());
        Line("created", run.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        Line("duration (s)", run.DurationSeconds?.ToString("0.#", CultureInfo.InvariantCulture));
        Line("failure", detail.FailureMessage);
        Line("group", run.GroupKey);
        Line("tags", run.Tags.Count == 0 ? null : string.Join(", ", run.Tags.Select(t => $"{t.Key}={t.Value}")));
        if (detail.Provenance is { } p)
        {
            Line("source", p.SourceCommit is null ? null : $"{p.SourceCommit} ({p.SourceBranch}{(p.SourceDirty == true ? ", dirty" : string.Empty)})");
            Line("command", p.CommandLine);
            Line("host", p.Host is null ? null : $"{p.Host}, {p.OperatingSystem}, {p.RuntimeVersion}, {p.CpuThreads} threads");
            Line("device", p.Device is null ? null : $"{p.Device} {p.GpuName}".Trim());
        }

        if (detail.Dataset is { } d)
        {
            Line("dataset", $"{d.Path} ({d.CaseCount} cases, fingerprint {d.Fingerprint})");
            Line("split", $"{d.TrainCaseIds.Count} train, {d.ValidationCaseIds.Count} val, {d.TestCaseIds.Count} test: {string.Join(' ', d.TestCaseIds)}");
        }

        text.AppendLine("params");
        foreach (var (key, value) in run.Params)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {key,-32} {value}"));
        }

        text.AppendLine("metrics                            min (epoch)        max (epoch)        last");
        foreach (var (key, m) in run.Metrics)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {key,-32} {m.Min,10:0.####} ({m.MinEpoch,3})  {m.Max,10:0.####} ({m.MaxEpoch,3})  {m.Last,10:0.####}"));
        }

        foreach (var c in detail.Checkpoints)
        {
            Line("checkpoint", string.Create(CultureInfo.InvariantCulture, $"{c.Path} epoch {c.Epoch} {c.MonitoredKey}={c.MonitoredValue}{(c.IsBest ? " best" : string.Empty)}"));
        }

        if (RunResults.Of(detail) is { } results)
        {
            Line("results", string.Create(CultureInfo.InvariantCulture,
                $"{results.From}: Test MAE {results.TestMaeGy:0.###} Gy, gamma {results.GammaPassRate:0.##} %, PTV gamma {results.PtvGammaPassRate:0.##} %, PTV70 D95 gap {results.Ptv70D95GapGy:0.###} Gy"));
        }

        foreach (var e in detail.Evaluations)
        {
            Line("evaluation", string.Create(CultureInfo.InvariantCulture,
                $"{e.Source ?? e.Id.ToString(CultureInfo.InvariantCulture)}: {e.Values.Count(v => v.CaseId is null)} aggregate, {e.Values.Count(v => v.CaseId is not null)} per-case values"));
        }

        return text.ToString().TrimEnd();
    }
}
