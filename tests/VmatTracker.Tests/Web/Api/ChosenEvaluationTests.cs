using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Cli;
using VmatTracker.Tests.Infrastructure;
using static VmatTracker.Tests.Web.Api.ApiClient;

namespace VmatTracker.Tests.Web.Api;

/// <summary>
/// One rule for which evaluation a run's numbers come from: after an extra evaluation of a non-best checkpoint,
/// <c>/api/compare</c>, <c>/api/runs/{id}</c>, <c>vmat runs show</c> and the report all give the best checkpoint's
/// Test MAE, gamma and PTV gamma, and each names that checkpoint (the pages: ChosenEvaluationPageTests).
/// </summary>
public sealed class ChosenEvaluationTests : IAsyncLifetime
{
    private readonly VmatAppFactory _factory = new();
    private HttpClient? _http;
    private long _run;
    private long _other;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _factory.Address };
        var recorder = _factory.Services.GetRequiredService<RunRecorder>();
        _run = await TwoEvaluationsRun.RecordAsync(recorder, _factory.Folder.File("runs"), "two-evals", Token);
        _other = await TwoEvaluationsRun.RecordAsync(recorder, _factory.Folder.File("runs-b"), "other", Token);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task ApiCompare_ExtraEvaluation_BestCheckpointNumbersAndItsName()
    {
        // Act
        var (status, body) = await GetJsonAsync(_http!, $"api/compare?runs={_run}");

        // Assert: columns 1-3 are Test MAE, gamma, PTV gamma.
        Assert.Equal(HttpStatusCode.OK, status);
        var row = body.GetProperty("rows")[0];
        Assert.Equal([TwoEvaluationsRun.BestMae, TwoEvaluationsRun.BestGamma, TwoEvaluationsRun.BestPtvGamma],
            row.GetProperty("values").EnumerateArray().Skip(1).Take(3).Select(v => v.GetDouble()));
        Assert.Contains(TwoEvaluationsRun.BestCheckpoint, row.GetProperty("resultsFrom").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiRun_ExtraEvaluation_ResultsFromBestCheckpoint()
    {
        // Act
        var (status, body) = await GetJsonAsync(_http!, $"api/runs/{_run}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        AssertResults(body.GetProperty("results"));
    }

    [Fact]
    public void RunsShow_ExtraEvaluation_ResultsFromBestCheckpoint()
    {
        // Act
        var (json, jsonOut, jsonErr) = CliRunner.Run("runs", "show", _run.ToString(), "--json", "--db", DatabasePath);
        var (text, textOut, textErr) = CliRunner.Run("runs", "show", _run.ToString(), "--db", DatabasePath);

        // Assert
        Assert.True(json == 0, jsonErr);
        using var document = JsonDocument.Parse(jsonOut);
        AssertResults(document.RootElement.GetProperty("results"));
        Assert.True(text == 0, textErr);
        var line = textOut.Split('\n').Single(l => l.TrimStart().StartsWith("results", StringComparison.Ordinal));
        Assert.Contains($"best checkpoint {TwoEvaluationsRun.BestCheckpoint}: Test MAE 1.5 Gy, gamma 90 %, PTV gamma 95 %", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ExtraEvaluation_KeyResultsFromBestCheckpointAndNamed()
    {
        // Arrange
        var output = _factory.Folder.File("report");

        // Act
        var (exit, _, stderr) = CliRunner.Run("report", "--runs", $"{_run},{_other}", "--out", output, "--db", DatabasePath);

        // Assert: Test MAE 1.50 ± 0.30 Gy (cases 1.2 and 1.8), gamma 90.0 ± 2.0 %, PTV gamma 95.0 ± 1.0 %.
        Assert.True(exit == 0, stderr);
        var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), Token);
        string Row(string metric) => report.Split('\n').First(l => l.StartsWith($"| {metric} |", StringComparison.Ordinal));
        Assert.Contains("1.50 ± 0.30 Gy", Row("Test MAE"), StringComparison.Ordinal);
        Assert.Contains("90.0 ± 2.0%", Row("Gamma (3%/3mm)"), StringComparison.Ordinal);
        Assert.Contains("95.0 ± 1.0%", Row("PTV gamma (3%/3mm)"), StringComparison.Ordinal);
        Assert.Contains($"best checkpoint {TwoEvaluationsRun.BestCheckpoint}", report, StringComparison.Ordinal);
    }

    private string DatabasePath => _factory.Folder.File("tracker.db");

    private static void AssertResults(JsonElement results)
    {
        Assert.Equal(TwoEvaluationsRun.BestMae, results.GetProperty("testMaeGy").GetDouble(), 12);
        Assert.Equal(TwoEvaluationsRun.BestGamma, results.GetProperty("gammaPassRate").GetDouble(), 12);
        Assert.Equal(TwoEvaluationsRun.BestPtvGamma, results.GetProperty("ptvGammaPassRate").GetDouble(), 12);
        Assert.Equal(TwoEvaluationsRun.BestCheckpoint, results.GetProperty("checkpoint").GetString());
    }
}
