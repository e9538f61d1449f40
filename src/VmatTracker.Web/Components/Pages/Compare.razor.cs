using System.Globalization;
using Microsoft.AspNetCore.Components;
using VmatTracker.Data.Queries;
using VmatTracker.Reports;
using VmatTracker.Web.Services.Reports;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Components.Pages;

/// <summary>
/// Any set of runs side by side, named in the address (<c>/compare?runs=1,2,3&amp;baseline=1</c>) so a comparison can
/// be shared: the seed's table with best values marked and deltas to a baseline, overlaid curves, per-case bars and
/// the config keys that differ.
/// </summary>
public sealed partial class Compare
{
    private string? _idsText;
    private string? _problem;
    private ComparisonTable? _table;
    private int? _baselineRow;
    private IReadOnlyList<MetricSeries> _series = [];
    private IReadOnlyList<EvaluationView?> _evaluations = [];
    private IReadOnlyList<ConfigDifference> _diff = [];
    private List<long> _runIds = [];
    private ExperimentReport? _statistics;
    private string? _statisticsProblem;
    private ExportedReport? _exported;
    private string? _reportProblem;
    private bool _reporting;

    /// <summary>Reads runs.</summary>
    [Inject]
    public required RunQueries Queries { get; init; }

    /// <summary>Writes the report (the Report button).</summary>
    [Inject]
    public required ReportExport Reports { get; init; }

    /// <summary>The report's clock.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Keeps the address in step with the choices.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The runs, comma-separated IDs.</summary>
    [SupplyParameterFromQuery(Name = "runs")]
    public string? RunIds { get; set; }

    /// <summary>The baseline run's ID.</summary>
    [SupplyParameterFromQuery(Name = "baseline")]
    public long? Baseline { get; set; }

    /// <summary>Parses "1, 2,3" into IDs; the parts that are not IDs are returned as problems.</summary>
    public static (List<long> Ids, List<string> Bad) ParseIds(string? text)
    {
        var ids = new List<long>();
        var bad = new List<string>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
            else
            {
                bad.Add(part);
            }
        }

        return (ids, bad);
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _idsText = RunIds;
        var (ids, bad) = ParseIds(RunIds);
        var problems = new List<string>();
        if (bad.Count > 0)
        {
            problems.Add($"Not run IDs: {string.Join(", ", bad)}.");
        }

        if (ids.Count == 0)
        {
            problems.Add("Name the runs to compare, e.g. /compare?runs=1,2 (or tick runs on the Runs page).");
            _table = null;
            _problem = string.Join(" ", problems);
            return;
        }

        var comparison = await Queries.CompareAsync(ids, null, CancellationToken.None);
        var details = new List<RunDetail>();
        foreach (var run in comparison.Runs)
        {
            if (await Queries.GetAsync(run.Id, CancellationToken.None) is { } detail)
            {
                details.Add(detail);
            }
        }

        var missing = ids.Where(id => details.All(d => d.Summary.Id != id)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"No such run: {string.Join(", ", missing)}.");
        }

        _evaluations = [.. details.Select(EvaluationView.Of)];
        _table = new ComparisonTable([.. details.Select((d, i) => (d.Summary, _evaluations[i]))]);
        _baselineRow = _table.RowOf(Baseline);
        _series = comparison.Series;
        _diff = ConfigDiff.Of([.. details.Select(d => d.ConfigJson)]);
        _problem = problems.Count == 0 ? null : string.Join(" ", problems);
        _runIds = [.. details.Select(d => d.Summary.Id)];
        _exported = null;
        _reportProblem = null;
        await ReadStatisticsAsync();
    }

    /// <summary>The baseline the statistics and the report use: the chosen one when it is compared, else the report's
    /// rule (the run tagged baseline, else the first).</summary>
    private long? ReportBaseline => Baseline is { } b && _runIds.Contains(b) ? b : null;

    private async Task ReadStatisticsAsync()
    {
        _statistics = null;
        _statisticsProblem = null;
        if (_runIds.Count == 0)
        {
            return;
        }

        try
        {
            _statistics = await new ReportBuilder(Queries, Time).BuildAsync(_runIds, ReportBaseline, CancellationToken.None);
        }
        catch (ReportException e)
        {
            _statisticsProblem = e.Message;
        }
    }

    private async Task WriteReportAsync()
    {
        _reporting = true;
        _reportProblem = null;
        _exported = null;
        try
        {
            _exported = await Reports.WriteAsync(_runIds, ReportBaseline, CancellationToken.None);
        }
        catch (Exception e) when (e is ReportException or IOException or UnauthorizedAccessException)
        {
            _reportProblem = $"The report could not be written: {e.Message}";
        }
        finally
        {
            _reporting = false;
        }
    }

    private void ApplyIds() => Navigate(_idsText, Baseline);

    private void SetBaseline(long runId) => Navigate(RunIds, runId);

    private void Navigate(string? runs, long? baseline) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["runs"] = string.Join(",", ParseIds(runs).Ids),
            ["baseline"] = baseline,
        }));
}
