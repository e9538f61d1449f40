using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VmatTracker.Data.Recording;

namespace VmatTracker.Runs.Remote;

/// <summary>
/// Records a run on a VmatTracker server through its ingest API (<c>/api/ingest/runs</c>) instead of a local store:
/// what <c>vmat train --tracker URL</c> trains with. The server's answers become the exceptions
/// <see cref="RunRecorder"/> throws (404: <see cref="UnknownRunException"/>, 400: <see cref="ArgumentException"/>, 409:
/// <see cref="InvalidOperationException"/>). When the server does not answer, the call throws
/// <see cref="TrackerUnavailableException"/>, and for <see cref="RetryAfter"/> every further call fails the same way at
/// once instead of waiting again, so a lost tracker costs the recording pump no time and training none.
/// </summary>
public sealed class TrackerClient : IRunRecorder, IDisposable
{
    /// <summary>How long one request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>After the tracker failed to answer, calls fail at once for this long before it is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(15);

    // Body-less writes still send {} as JSON: the server takes writes only with a JSON content type.
    private static readonly Dictionary<string, string> s_empty = [];

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;
    private string? _lastFailure;

    /// <summary>A client for the server at <paramref name="server"/> (its base address, e.g. http://127.0.0.1:5185/).</summary>
    public TrackerClient(Uri server, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        _time = time ?? TimeProvider.System;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _ownsHttp = true;
        _http.BaseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        _http.Timeout = RequestTimeout;
    }

    /// <summary>The server.</summary>
    public Uri Server { get; }

    /// <inheritdoc />
    public async Task<long> CreateRunAsync(NewRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var body = new IngestRun
        {
            Experiment = run.Experiment,
            Name = run.Name,
            Config = Parse(run.ConfigJson),
            Parameters = run.ParametersJson is null ? null : Parse(run.ParametersJson),
            Tags = new Dictionary<string, string>(run.Tags, StringComparer.Ordinal),
            Notes = run.Notes,
            GroupKey = run.GroupKey,
            Provenance = run.Provenance,
            Dataset = run.Dataset,
        };
        return (await SendAsync<IngestCreated>(HttpMethod.Post, "api/ingest/runs", body, null, cancellationToken).ConfigureAwait(false)).Id;
    }

    /// <inheritdoc />
    public Task StartAsync(long runId, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, RunPath(runId, "start"), s_empty, runId, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> SetDatasetAsync(long runId, DatasetInfo dataset, CancellationToken cancellationToken) =>
        (await SendAsync<IngestDatasetResult>(HttpMethod.Put, RunPath(runId, "dataset"), dataset, runId, cancellationToken)
            .ConfigureAwait(false)).Set;

    /// <inheritdoc />
    public Task SetTagAsync(long runId, string key, string? value, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, RunPath(runId, "tags"), new IngestTag(key, value), runId, cancellationToken);

    /// <inheritdoc />
    public Task<MetricAppendResult> AppendMetricsAsync(long runId, IReadOnlyList<MetricValue> points, CancellationToken cancellationToken) =>
        SendAsync<MetricAppendResult>(HttpMethod.Post, RunPath(runId, "metrics"), new IngestMetrics(points), runId, cancellationToken);

    /// <inheritdoc />
    public Task HeartbeatAsync(long runId, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, RunPath(runId, "heartbeat"), s_empty, runId, cancellationToken);

    /// <inheritdoc />
    public async Task<long> AddCheckpointAsync(long runId, CheckpointInfo checkpoint, CancellationToken cancellationToken) =>
        (await SendAsync<IngestCreated>(HttpMethod.Post, RunPath(runId, "checkpoints"), checkpoint, runId, cancellationToken)
            .ConfigureAwait(false)).Id;

    /// <inheritdoc />
    public async Task<long> AddArtifactAsync(long runId, ArtifactInfo artifact, CancellationToken cancellationToken) =>
        (await SendAsync<IngestCreated>(HttpMethod.Post, RunPath(runId, "artifacts"), artifact, runId, cancellationToken)
            .ConfigureAwait(false)).Id;

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The file is not JSON; the message names the file and the line.</exception>
    public async Task<long> AddEvaluationFileAsync(long runId, string path, string? checkpointPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        JsonElement document;
        try
        {
            document = Parse(text);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} line {ex.LineNumber + 1}, JSON path {ex.Path ?? "$"}: {ex.Message}", ex);
        }

        var body = new IngestEvaluation(document, Path.GetFullPath(path), checkpointPath);
        return (await SendAsync<IngestCreated>(HttpMethod.Post, RunPath(runId, "evaluations"), body, runId, cancellationToken)
            .ConfigureAwait(false)).Id;
    }

    /// <inheritdoc />
    public Task CompleteAsync(long runId, CancellationToken cancellationToken) => FinishAsync(runId, "completed", null, cancellationToken);

    /// <inheritdoc />
    public Task FailAsync(long runId, string message, CancellationToken cancellationToken) => FinishAsync(runId, "failed", message, cancellationToken);

    /// <inheritdoc />
    public Task CancelAsync(long runId, CancellationToken cancellationToken) => FinishAsync(runId, "cancelled", null, cancellationToken);

    /// <inheritdoc />
    public Task CancelAsync(long runId, string? reason, CancellationToken cancellationToken) =>
        FinishAsync(runId, "cancelled", reason, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private Task<object> FinishAsync(long runId, string status, string? message, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, RunPath(runId, "finish"), new IngestFinish(status, message), runId, cancellationToken);

    private static string RunPath(long runId, string action) =>
        string.Create(CultureInfo.InvariantCulture, $"api/ingest/runs/{runId}/{action}");

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, long? runId, CancellationToken cancellationToken)
    {
        if (_time.GetUtcNow() < _quietUntil)
        {
            throw new TrackerUnavailableException(_lastFailure ?? $"The tracker at {Server} did not answer.");
        }

        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: IngestJson.Options);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _quietUntil = _time.GetUtcNow() + RetryAfter;
            _lastFailure = $"The tracker at {Server} did not answer ({(ex is TaskCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : ex.Message)}).";
            throw new TrackerUnavailableException(_lastFailure, ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(object)
                    ? default!
                    : (await response.Content.ReadFromJsonAsync<T>(IngestJson.Options, cancellationToken).ConfigureAwait(false))!;
            }

            var detail = await ProblemDetailAsync(response, cancellationToken).ConfigureAwait(false);
            throw response.StatusCode switch
            {
                HttpStatusCode.NotFound when runId is { } id => new UnknownRunException(id),
                HttpStatusCode.BadRequest => new ArgumentException(detail),
                HttpStatusCode.Conflict => new InvalidOperationException(detail),
                _ => new IOException($"The tracker at {Server} answered {(int)response.StatusCode} {response.ReasonPhrase} to {method} /{path}: {detail}"),
            };
        }
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a problem document: the text itself says what went wrong.
        }

        return text.Length > 500 ? text[..500] : text;
    }
}
