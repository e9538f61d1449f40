using System.Text.Json;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Remote;

namespace VmatTracker.Web.Api;

/// <summary>
/// The ingest API (<c>/api/ingest/runs</c>): a run trained elsewhere (<c>vmat train --tracker URL</c>, or any client)
/// is recorded through this server's <see cref="RunRecorder"/>, so it appears live in the dashboard and on the hub.
/// Bad input answers 400 naming the field, an unknown run 404, a call the run's state does not allow (finishing an
/// ended run) 409.
/// </summary>
internal static class IngestEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var runs = endpoints.MapGroup("/api/ingest/runs").WithMetadata(BodyLimit.Default);
        runs.MapPost("", CreateAsync);
        runs.MapPost("{id:long}/start", async (long id, HttpRequest request, RunRecorder recorder, CancellationToken ct) =>
            ApiProblems.NotJson(request) ?? await RunAsync(id, "status", async () =>
            {
                await recorder.StartAsync(id, ct);
                return Results.NoContent();
            }));
        runs.MapPut("{id:long}/dataset", async (long id, HttpRequest request, RunRecorder recorder, CancellationToken ct) =>
        {
            var (dataset, problem) = await ApiProblems.ReadBodyAsync<DatasetInfo>(request);
            return problem ?? await RunAsync(id, "dataset", async () =>
                Results.Ok(new IngestDatasetResult(await recorder.SetDatasetAsync(id, dataset!, ct))));
        });
        runs.MapPost("{id:long}/tags", async (long id, HttpRequest request, RunRecorder recorder, CancellationToken ct) =>
        {
            var (tag, problem) = await ApiProblems.ReadBodyAsync<IngestTag>(request);
            if (problem is not null)
            {
                return problem;
            }

            return string.IsNullOrWhiteSpace(tag!.Key)
                ? ApiProblems.BadField("key", "required")
                : await RunAsync(id, "key", async () =>
                {
                    await recorder.SetTagAsync(id, tag.Key, tag.Value, ct);
                    return Results.NoContent();
                });
        });
        runs.MapPost("{id:long}/metrics", async (long id, HttpRequest request, RunRecorder recorder, CancellationToken ct) =>
        {
            var (metrics, problem) = await ApiProblems.ReadBodyAsync<IngestMetrics>(request);
            if (problem is not null)
            {
                return problem;
            }

            if (metrics!.Points is not { } points)
            {
                return ApiProblems.BadField("points", "required (a list of {key, step, epoch, value})");
            }

            for (var i = 0; i < points.Count; i++)
            {
                if (points[i] is null || string.IsNullOrWhiteSpace(points[i].Key))
                {
                    return ApiProblems.BadField($"points[{i}].key", "required");
                }
            }

            return await RunAsync(id, "points", async () => Results.Ok(await recorder.AppendMetricsAsync(id, points, ct)));
        }).WithMetadata(BodyLimit.Bulk);
        runs.MapPost("{id:long}/heartbeat", async (long id, HttpRequest request, RunRecorder recorder, CancellationToken ct) =>
            ApiProblems.NotJson(request) ?? await RunAsync(id, "id", async () =>
            {
                await recorder.HeartbeatAsync(id, ct);
                return Results.NoContent();
            }));
        runs.MapPost("{id:long}/checkpoints", async (long id, HttpRequest request, RunRecorder recorder, CancellationToken ct) =>
        {
            var (checkpoint, problem) = await ApiProblems.ReadBodyAsync<CheckpointInfo>(request);
            return problem ?? (string.IsNullOrWhiteSpace(checkpoint!.Path)
                ? ApiProblems.BadField("path", "required")
                : await RunAsync(id, "path", async () => Results.Ok(new IngestCreated(await recorder.AddCheckpointAsync(id, checkpoint, ct)))));
        });
        runs.MapPost("{id:long}/artifacts", async (long id, HttpRequest request, RunRecorder recorder, CancellationToken ct) =>
        {
            var (artifact, problem) = await ApiProblems.ReadBodyAsync<ArtifactInfo>(request);
            return problem ?? (string.IsNullOrWhiteSpace(artifact!.Path) ? ApiProblems.BadField("path", "required")
                : string.IsNullOrWhiteSpace(artifact.Kind) ? ApiProblems.BadField("kind", "required")
                : await RunAsync(id, "path", async () => Results.Ok(new IngestCreated(await recorder.AddArtifactAsync(id, artifact, ct)))));
        });
        runs.MapPost("{id:long}/evaluations", async (long id, HttpRequest request, RunRecorder recorder, CancellationToken ct) =>
        {
            var (evaluation, problem) = await ApiProblems.ReadBodyAsync<IngestEvaluation>(request);
            if (problem is not null)
            {
                return problem;
            }

            return evaluation!.Document is not { ValueKind: JsonValueKind.Object } document
                ? ApiProblems.BadField("document", "required: the evaluation_results.json object")
                : await RunAsync(id, "document", async () => Results.Ok(new IngestCreated(
                    await recorder.AddEvaluationDocumentAsync(id, document.GetRawText(), evaluation.Source, evaluation.CheckpointPath, ct))));
        }).WithMetadata(BodyLimit.Bulk);
        runs.MapPost("{id:long}/finish", async (long id, HttpRequest request, RunRecorder recorder, CancellationToken ct) =>
        {
            var (finish, problem) = await ApiProblems.ReadBodyAsync<IngestFinish>(request);
            if (problem is not null)
            {
                return problem;
            }

            Func<Task>? end = finish!.Status?.Trim().ToLowerInvariant() switch
            {
                "completed" => () => recorder.CompleteAsync(id, ct),
                "cancelled" => () => recorder.CancelAsync(id, string.IsNullOrWhiteSpace(finish.Message) ? null : finish.Message, ct),
                "failed" when !string.IsNullOrWhiteSpace(finish.Message) => () => recorder.FailAsync(id, finish.Message, ct),
                _ => null,
            };
            if (end is null)
            {
                return finish.Status?.Trim().ToLowerInvariant() == "failed"
                    ? ApiProblems.BadField("message", "required when the status is failed: say why it failed")
                    : ApiProblems.BadField("status", $"'{finish.Status}' is not one of completed, failed, cancelled");
            }

            return await RunAsync(id, "status", async () =>
            {
                await end();
                return Results.NoContent();
            });
        });
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, RunRecorder recorder, CancellationToken ct)
    {
        var (run, problem) = await ApiProblems.ReadBodyAsync<IngestRun>(request);
        if (problem is not null)
        {
            return problem;
        }

        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(run!.Experiment))
        {
            problems.Add(("experiment", "required"));
        }

        if (string.IsNullOrWhiteSpace(run.Name))
        {
            problems.Add(("name", "required"));
        }

        if (run.Config is { } config && config.ValueKind != JsonValueKind.Object)
        {
            problems.Add(("config", $"must be a JSON object, not {config.ValueKind}"));
        }

        if (run.Parameters is { } parameters && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            problems.Add(("parameters", $"must be a JSON object, not {parameters.ValueKind}"));
        }

        foreach (var (field, value) in new[] { ("config", run.Config), ("parameters", run.Parameters) })
        {
            if (value is { } given && ConfigLimits.Problem(given) is { } tooLarge)
            {
                problems.Add((field, tooLarge));
            }
        }

        if (problems.Count > 0)
        {
            return ApiProblems.BadFields(problems);
        }

        try
        {
            var id = await recorder.CreateRunAsync(new NewRun
            {
                Experiment = run.Experiment!.Trim(),
                Name = run.Name!.Trim(),
                ConfigJson = run.Config?.GetRawText() ?? "{}",
                ParametersJson = run.Parameters is { ValueKind: JsonValueKind.Object } p ? p.GetRawText() : null,
                Tags = run.Tags ?? [],
                Notes = run.Notes,
                GroupKey = run.GroupKey,
                Provenance = run.Provenance,
                Dataset = run.Dataset,
            }, ct);
            return Results.Created($"/api/runs/{id}", new IngestCreated(id));
        }
        catch (ArgumentException e)
        {
            return ApiProblems.BadField(FieldOf(e.Message, "name"), e.Message);
        }
    }

    /// <summary>Runs a recorder call for run <paramref name="id"/>, answering its refusals as problems.</summary>
    private static async Task<IResult> RunAsync(long id, string field, Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (UnknownRunException)
        {
            return ApiProblems.UnknownRun(id);
        }
        catch (ArgumentException e)
        {
            return ApiProblems.BadField(FieldOf(e.Message, field), e.Message);
        }
        catch (InvalidDataException e)
        {
            return ApiProblems.BadField(field, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return ApiProblems.Conflict(e.Message);
        }
    }

    // The recorder's messages name what they refuse ("The experiment name ...", "metric key of point 3"); map the
    // common ones to the body's field names.
    private static string FieldOf(string message, string fallback) =>
        message.Contains("experiment name", StringComparison.Ordinal) ? "experiment"
        : message.Contains("run name", StringComparison.Ordinal) ? "name"
        : message.Contains("tag key", StringComparison.Ordinal) ? "tags"
        : message.Contains("of point ", StringComparison.Ordinal) && PointIndex(message) is { } i ? $"points[{i}]"
        : fallback;

    private static int? PointIndex(string message)
    {
        var at = message.IndexOf("of point ", StringComparison.Ordinal) + "of point ".Length;
        var end = at;
        while (end < message.Length && char.IsAsciiDigit(message[end]))
        {
            end++;
        }

        return end > at ? int.Parse(message.AsSpan(at, end - at), System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
