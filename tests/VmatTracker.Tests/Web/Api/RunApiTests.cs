using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Queue;
using VmatTracker.Tests.Infrastructure;
using static VmatTracker.Tests.Web.Api.ApiClient;

namespace VmatTracker.Tests.Web.Api;

/// <summary>The read API and starting runs, over HTTP on the real Kestrel server with two recorded runs.</summary>
public sealed class RunApiTests : IAsyncLifetime
{
    private readonly VmatAppFactory _factory = new();
    private HttpClient? _http;
    private long _baseline;
    private long _gradient;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Http => _http!;

    public async ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _factory.Address };
        var recorder = _factory.Services.GetRequiredService<RunRecorder>();
        _baseline = await RecordAsync(recorder, "baseline", seed: 42, maes: [5.0, 4.0], testMae: 3.0);
        _gradient = await RecordAsync(recorder, "gradient", seed: 43, maes: [4.5, 3.5, double.NaN], testMae: 2.5);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task ListRuns_FilterAndSort_MatchingRunsInOrder()
    {
        // Act
        var (status, body) = await GetJsonAsync(Http, "api/runs?filter=params.seed%20%3E%3D%2042&sort=-metrics.%22val%2Fmae_gy%22.min&take=10");

        // Assert: descending by best Val MAE, baseline (4.0) before gradient (3.5)
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("total").GetInt32());
        var runs = body.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([_baseline, _gradient], runs.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(4.0, runs[0].GetProperty("metrics").GetProperty("val/mae_gy").GetProperty("min").GetDouble());
        Assert.Equal(43, runs[1].GetProperty("params").GetProperty("seed").GetInt32());
    }

    [Theory]
    [InlineData("api/runs?filter=params.seed%20%3E%3E%201", "filter")]
    [InlineData("api/runs?sort=nonsense.field", "sort")]
    [InlineData("api/runs?take=0", "take")]
    [InlineData("api/runs?skip=-1", "skip")]
    public async Task ListRuns_BadParameter_400NamingIt(string path, string field)
    {
        // Act
        var (status, body) = await GetJsonAsync(Http, path);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(FieldProblem(body, field));
        Assert.StartsWith(field + ":", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRun_Known_ConfigDatasetAndEvaluationAggregates()
    {
        // Act
        var (status, body) = await GetJsonAsync(Http, $"api/runs/{_gradient}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("gradient", body.GetProperty("run").GetProperty("name").GetString());
        Assert.Equal("Completed", body.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(43, body.GetProperty("config").GetProperty("seed").GetInt32());
        Assert.Equal(["c1"], body.GetProperty("dataset").GetProperty("testCaseIds").EnumerateArray().Select(e => e.GetString()));
        var evaluation = Assert.Single(body.GetProperty("evaluations").EnumerateArray());
        Assert.Equal(2.5, evaluation.GetProperty("aggregates").GetProperty("mae_gy_mean").GetDouble());
    }

    [Theory]
    [InlineData("api/runs/424242")]
    [InlineData("api/runs/424242/metrics")]
    [InlineData("api/runs/424242/metrics.csv")]
    public async Task UnknownRun_404ProblemNamingTheRun(string path)
    {
        // Act
        var (status, body) = await GetJsonAsync(Http, path);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("There is no run 424242.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Metrics_Json_EveryPointWithNonFiniteFlagged()
    {
        // Act
        var (status, body) = await GetJsonAsync(Http, $"api/runs/{_gradient}/metrics?keys=val/mae_gy");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        var series = Assert.Single(body.GetProperty("series").EnumerateArray());
        Assert.Equal("val/mae_gy", series.GetProperty("key").GetString());
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], points.Select(p => p.GetProperty("epoch").GetInt32()));
        Assert.Equal(3.5, points[1].GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, points[2].GetProperty("value").ValueKind);
        Assert.Equal("NaN", points[2].GetProperty("nonFinite").GetString());
    }

    [Fact]
    public async Task Metrics_Csv_TheReferencesMetricsCsvShape()
    {
        // Act
        using var response = await Http.GetAsync(new Uri($"api/runs/{_baseline}/metrics.csv", UriKind.Relative), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["epoch,step,train/loss_epoch,val/mae_gy", "0,10,0.5,5", "1,20,0.5,4"],
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task Compare_WithBaseline_TableValuesBestAndDeltas()
    {
        // Act
        var (status, body) = await GetJsonAsync(Http, $"api/compare?runs={_baseline},{_gradient},999999&baseline={_baseline}");

        // Assert: column 0 is Val MAE (min of val/mae_gy), column 1 Test MAE.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([999999L], body.GetProperty("missing").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("Val MAE (Gy)", body.GetProperty("columns")[0].GetProperty("title").GetString());
        Assert.Equal("lower", body.GetProperty("columns")[0].GetProperty("better").GetString());
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([_baseline, _gradient], rows.Select(r => r.GetProperty("runId").GetInt64()));
        Assert.Equal(3.5, rows[1].GetProperty("values")[0].GetDouble());
        Assert.Equal(2.5, rows[1].GetProperty("values")[1].GetDouble());
        Assert.True(rows[1].GetProperty("best")[1].GetBoolean());
        Assert.False(rows[0].GetProperty("best")[1].GetBoolean());
        Assert.Equal(-0.5, rows[1].GetProperty("delta")[1].GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("delta")[1].ValueKind);
    }

    [Theory]
    [InlineData("api/compare", "runs")]
    [InlineData("api/compare?runs=1,x", "runs")]
    [InlineData("api/compare?runs=1,2&baseline=3", "baseline")]
    public async Task Compare_BadParameter_400NamingIt(string path, string field)
    {
        // Act
        var (status, body) = await GetJsonAsync(Http, path);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(FieldProblem(body, field));
    }

    [Theory]
    [InlineData("""{"options": {"patch_size": 40}}""", "options.patch_size", "multiple of 16")]
    [InlineData("""{"options": {"epochs": "many"}}""", "options.epochs", "expected a whole number")]
    [InlineData("""{"options": {"learning_rate": 0.1}}""", "options.learning_rate", "not a trainer option")]
    [InlineData("""{"options": {"data_dir": "/etc"}}""", "options.data_dir", "not inside a configured data root")]
    [InlineData("""{"recipe": "magic"}""", "recipe", "structure-weighted")]
    [InlineData("""{"size": "huge"}""", "size", "smoke")]
    [InlineData("""{"options": [1, 2]}""", "options", "not valid here")]
    public async Task StartRun_BadInput_400NamingTheFieldAndNothingQueued(string json, string field, string expected)
    {
        // Act
        var (status, body) = await SendJsonAsync(Http, HttpMethod.Post, "api/runs", json);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, FieldProblem(body, field), StringComparison.Ordinal);
        var queue = _factory.Services.GetRequiredService<TrainingQueue>().Snapshot();
        Assert.Empty(queue.Running);
        Assert.Empty(queue.Waiting);
    }

    [Fact]
    public async Task StartRun_PresetsAndOptions_QueuedWithThemAndTagged()
    {
        // Arrange
        await _factory.WaitForDatasetAsync(TimeSpan.FromSeconds(60));
        var json = """{"experiment": "api", "recipe": "gradient", "size": "smoke", "options": {"exp_name": "from_api", "epochs": 1, "seed": 7}}""";

        // Act
        var (status, body) = await SendJsonAsync(Http, HttpMethod.Post, "api/runs", json);
        var id = body.GetProperty("id").GetInt64();
        var queue = _factory.Services.GetRequiredService<TrainingQueue>();
        queue.Stop(id);
        await queue.CancelAsync(id, Token);

        // Assert: the run as the new-run page would have queued it (then stopped, so the test trains nothing much)
        Assert.Equal(HttpStatusCode.Created, status);
        var detail = (await _factory.Services.GetRequiredService<RunQueries>().GetAsync(id, Token))!;
        Assert.Equal(("api", "from_api"), (detail.Summary.Experiment, detail.Summary.Name));
        Assert.Equal(7L, detail.Summary.Params["seed"]);
        Assert.Equal(1L, detail.Summary.Params["epochs"]);
        Assert.Equal(16L, detail.Summary.Params["base_channels"]);
        Assert.Equal(true, detail.Summary.Params["use_gradient_loss"]);
        Assert.Equal(("gradient", "smoke"), (detail.Summary.Tags["recipe"], detail.Summary.Tags["size"]));
        await StoreWait.UntilStatusAsync(_factory.Services.GetRequiredService<RunQueries>(), id, RunStatus.Cancelled, TimeSpan.FromSeconds(60));
    }

    private static async Task<long> RecordAsync(RunRecorder recorder, string name, int seed, double[] maes, double testMae)
    {
        var id = await recorder.CreateRunAsync(new NewRun
        {
            Experiment = "api",
            Name = name,
            ConfigJson = $$"""{"seed": {{seed}}, "val_metrics": "whole-volume"}""",
            Dataset = new DatasetInfo { Path = "/data", TrainCaseIds = ["a", "b"], ValidationCaseIds = ["v"], TestCaseIds = ["c1"] },
        }, Token);
        await recorder.StartAsync(id, Token);
        for (var epoch = 0; epoch < maes.Length; epoch++)
        {
            await recorder.AppendMetricsAsync(id,
            [
                new MetricValue("train/loss_epoch", (epoch + 1) * 10, epoch, 0.5),
                new MetricValue("val/mae_gy", (epoch + 1) * 10, epoch, maes[epoch]),
            ], Token);
        }

        await recorder.AddEvaluationDocumentAsync(id, "{\"aggregate_metrics\": {\"mae_gy_mean\": " + testMae.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "}}", "eval.json", null, Token);
        await recorder.CompleteAsync(id, Token);
        return id;
    }
}
