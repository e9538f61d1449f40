using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Remote;
using static VmatTracker.Tests.Web.Api.ApiClient;

namespace VmatTracker.Tests.Web.Api;

/// <summary>The ingest API on the real Kestrel server, through <see cref="TrackerClient"/> (what vmat train --tracker
/// uses) and through plain HTTP for bad input.</summary>
public sealed class IngestApiTests : IAsyncLifetime
{
    private readonly VmatAppFactory _factory = new();
    private HttpClient? _http;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Http => _http!;

    public ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _factory.Address };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task TrackerClient_WholeRun_RecordedInTheServersStore()
    {
        // Arrange
        using var client = new TrackerClient(_factory.Address);
        var evaluationFile = _factory.Folder.File("evaluation_results.json");
        await File.WriteAllTextAsync(evaluationFile, """{"aggregate_metrics": {"mae_gy_mean": 2.25}}""", Token);

        // Act
        var id = await client.CreateRunAsync(new NewRun
        {
            Experiment = "remote",
            Name = "gpu-node",
            ConfigJson = """{"seed": 42, "lr": 0.0001}""",
            Tags = new Dictionary<string, string> { ["host"] = "node7" },
            GroupKey = "g1",
            Provenance = new ProvenanceInfo { Host = "node7", CommandLine = "vmat train", Compute = new ComputeInfo(Device: "cuda:0") },
        }, Token);
        await client.StartAsync(id, Token);
        var datasetSet = await client.SetDatasetAsync(id, new DatasetInfo { Path = "/data", Fingerprint = "abc", TestCaseIds = ["t1"] }, Token);
        await client.SetTagAsync(id, "site", "prostate", Token);
        var appended = await client.AppendMetricsAsync(id,
            [new MetricValue("val/mae_gy", 10, 0, 3.25), new MetricValue("val/gamma_3mm3pct", 10, 0, double.NaN)], Token);
        await client.HeartbeatAsync(id, Token);
        await client.AddCheckpointAsync(id, new CheckpointInfo("/runs/x/best.dat", 0, "val/mae_gy", 3.25, IsBest: true), Token);
        await client.AddArtifactAsync(id, new ArtifactInfo("/runs/x", "run-folder"), Token);
        await client.AddEvaluationFileAsync(id, evaluationFile, "/runs/x/best.dat", Token);
        await client.CompleteAsync(id, Token);

        // Assert
        Assert.True(datasetSet);
        Assert.Equal(new MetricAppendResult(2, 1), appended);
        var detail = (await _factory.Services.GetRequiredService<RunQueries>().GetAsync(id, Token))!;
        Assert.Equal((RunStatus.Completed, "remote", "gpu-node", "g1"),
            (detail.Summary.Status, detail.Summary.Experiment, detail.Summary.Name, detail.Summary.GroupKey));
        Assert.Equal(42L, detail.Summary.Params["seed"]);
        Assert.Equal(("node7", "prostate"), (detail.Summary.Tags["host"], detail.Summary.Tags["site"]));
        Assert.Equal(("node7", "cuda:0"), (detail.Provenance!.Host, detail.Provenance.Device));
        Assert.Equal("abc", detail.Dataset!.Fingerprint);
        Assert.Equal(["t1"], detail.Dataset.TestCaseIds);
        Assert.Equal((3.25, 1L), (detail.Summary.Metrics["val/mae_gy"].Min, detail.Summary.Metrics["val/gamma_3mm3pct"].NonFiniteCount));
        var checkpoint = Assert.Single(detail.Checkpoints);
        Assert.True(checkpoint.IsBest);
        var evaluation = Assert.Single(detail.Evaluations);
        Assert.Equal(checkpoint.Id, evaluation.CheckpointId);
        Assert.Equal(2.25, Assert.Single(evaluation.Values, v => v.Metric == "mae_gy_mean").Value);
        Assert.Equal(Path.GetFullPath(evaluationFile), evaluation.Source);
        Assert.Equal("run-folder", Assert.Single(detail.Artifacts).Kind);
    }

    [Fact]
    public async Task TrackerClient_ServerAnswers_BecomeTheRecordersExceptions()
    {
        // Arrange
        using var client = new TrackerClient(_factory.Address);
        var id = await client.CreateRunAsync(new NewRun { Experiment = "e", Name = "ends-twice" }, Token);
        await client.StartAsync(id, Token);
        await client.CancelAsync(id, Token);

        // Act + Assert: unknown run, finished run, bad input
        var unknown = await Assert.ThrowsAsync<UnknownRunException>(() => client.HeartbeatAsync(id + 1000, Token));
        Assert.Equal(id + 1000, unknown.RunId);
        var ended = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CompleteAsync(id, Token));
        Assert.Contains("has already ended (Cancelled)", ended.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => client.AppendMetricsAsync(id, [new MetricValue("", 1, 0, 1)], Token));
        Assert.Contains("points[0].key", bad.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/ingest/runs", """{"name": "x"}""", "experiment", "required")]
    [InlineData("api/ingest/runs", """{"experiment": "e", "name": "x", "config": [1]}""", "config", "must be a JSON object")]
    [InlineData("api/ingest/runs", """{"experiment": "e", "name": "x", "tags": {"k": 5}}""", "tags.k", "not valid here")]
    [InlineData("api/ingest/runs", """{"experiment": "e", """, "body", "not valid here")]
    [InlineData("api/ingest/runs/{id}/metrics", """{"points": [{"key": "a", "step": 1, "value": 1}, {"step": 2, "value": 2}]}""", "points[1].key", "required")]
    [InlineData("api/ingest/runs/{id}/metrics", """{"points": [{"key": "a", "step": "soon", "value": 1}]}""", "points[0].step", "not valid here")]
    [InlineData("api/ingest/runs/{id}/metrics", """{}""", "points", "required")]
    [InlineData("api/ingest/runs/{id}/finish", """{"status": "exploded"}""", "status", "not one of completed, failed, cancelled")]
    [InlineData("api/ingest/runs/{id}/finish", """{"status": "failed"}""", "message", "say why it failed")]
    [InlineData("api/ingest/runs/{id}/evaluations", """{"source": "x"}""", "document", "required")]
    [InlineData("api/ingest/runs/{id}/checkpoints", """{"epoch": 3}""", "path", "required")]
    public async Task Ingest_BadInput_400NamingTheField(string path, string json, string field, string expected)
    {
        // Arrange
        var recorder = _factory.Services.GetRequiredService<RunRecorder>();
        var id = await recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "target" }, Token);
        await recorder.StartAsync(id, Token);

        // Act
        var (status, body) = await SendJsonAsync(Http, HttpMethod.Post, path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), json);

        // Assert: refused, and the run is as it was
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, FieldProblem(body, field), StringComparison.Ordinal);
        var detail = (await _factory.Services.GetRequiredService<RunQueries>().GetAsync(id, Token))!;
        Assert.Equal(RunStatus.Running, detail.Summary.Status);
        Assert.Empty(detail.Summary.Metrics);
    }

    [Theory]
    [InlineData("start", "{}")]
    [InlineData("heartbeat", "{}")]
    [InlineData("metrics", """{"points": [{"key": "a", "step": 1, "value": 1}]}""")]
    [InlineData("finish", """{"status": "completed"}""")]
    public async Task Ingest_UnknownRun_404(string action, string json)
    {
        // Act
        var (status, body) = await SendJsonAsync(Http, HttpMethod.Post, $"api/ingest/runs/777777/{action}", json);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("There is no run 777777.", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("api/ingest/runs/{id}/start", null, null)]
    [InlineData("api/ingest/runs/{id}/heartbeat", "{}", "text/plain")]
    [InlineData("api/ingest/runs/{id}/finish", "{\"status\": \"completed\"}", "text/plain")]
    [InlineData("api/runs", "{}", "application/x-www-form-urlencoded")]
    public async Task Write_NotSentAsJson_415AndNothingChanged(string path, string? body, string? contentType)
    {
        // Arrange: what a web page elsewhere could make a browser send without a CORS preflight
        var recorder = _factory.Services.GetRequiredService<RunRecorder>();
        var id = await recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "csrf" }, Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType!);
        }

        // Act
        using var response = await Http.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var detail = (await _factory.Services.GetRequiredService<RunQueries>().GetAsync(id, Token))!;
        Assert.Equal(RunStatus.Queued, detail.Summary.Status);
        Assert.Equal(1, (await _factory.Services.GetRequiredService<RunQueries>().ListAsync(new RunListQuery(), Token)).TotalCount);
    }

    [Fact]
    public async Task Ingest_NonFiniteValuesAsNamedLiterals_StoredAndFlagged()
    {
        // Arrange: curl users write NaN and Infinity as strings (JSON has no such numbers)
        var recorder = _factory.Services.GetRequiredService<RunRecorder>();
        var id = await recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "nan" }, Token);

        // Act
        var (status, body) = await SendJsonAsync(Http, HttpMethod.Post, $"api/ingest/runs/{id}/metrics",
            """{"points": [{"key": "loss", "step": 1, "epoch": 0, "value": "NaN"}, {"key": "loss", "step": 2, "epoch": 0, "value": "-Infinity"}, {"key": "loss", "step": 3, "epoch": 0, "value": 0.5}]}""");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((3, 2), (body.GetProperty("written").GetInt32(), body.GetProperty("nonFinite").GetInt32()));
        var series = Assert.Single(await _factory.Services.GetRequiredService<RunQueries>().GetSeriesAsync(id, null, Token));
        Assert.Equal(["NaN", "-Inf", null], series.Points.Select(p => p.NonFinite));
    }

    [Fact]
    public async Task TrackerClient_NoServer_UnavailableNamingTheAddressThenFailsFastWithoutWaiting()
    {
        // Arrange: a port nobody listens on (bound, then released)
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var counting = new CountingHandler();
        using var client = new TrackerClient(address, handler: counting);

        // Act
        var first = await Assert.ThrowsAsync<TrackerUnavailableException>(() => client.CreateRunAsync(new NewRun { Experiment = "e", Name = "n" }, Token));
        var second = await Assert.ThrowsAsync<TrackerUnavailableException>(() => client.HeartbeatAsync(1, Token));

        // Assert: the address is named, and the second call did not try the network again
        Assert.Contains(address.ToString(), first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, second.Message);
        Assert.Equal(1, counting.Requests);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public CountingHandler()
            : base(new SocketsHttpHandler())
        {
        }

        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
