using System.Text.Json;
using System.Text.Json.Serialization;
using VmatTracker.Data.Recording;

namespace VmatTracker.Runs.Remote;

/// <summary>The JSON the ingest API and <see cref="TrackerClient"/> exchange: camelCase names, enums as text, and
/// NaN/Infinity written as the strings "NaN", "Infinity", "-Infinity" (metric values may be non-finite).</summary>
public static class IngestJson
{
    /// <summary>The serializer options both sides use.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>A run to create through <c>POST /api/ingest/runs</c> (status Queued; start it with <c>/start</c>).</summary>
public sealed record IngestRun
{
    /// <summary>Experiment name (created when new). Required.</summary>
    public string? Experiment { get; init; }

    /// <summary>Run name. Required.</summary>
    public string? Name { get; init; }

    /// <summary>The whole configuration, a JSON object (default: empty).</summary>
    public JsonElement? Config { get; init; }

    /// <summary>The parameters to filter by, a JSON object; the configuration when absent.</summary>
    public JsonElement? Parameters { get; init; }

    /// <summary>Labels.</summary>
    public Dictionary<string, string>? Tags { get; init; }

    /// <summary>Notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Group key for seeds and folds.</summary>
    public string? GroupKey { get; init; }

    /// <summary>How it was made (on the machine that trains it).</summary>
    public ProvenanceInfo? Provenance { get; init; }

    /// <summary>Its data and split, when known at creation.</summary>
    public DatasetInfo? Dataset { get; init; }
}

/// <summary>What a create or add call made.</summary>
/// <param name="Id">Its ID.</param>
public sealed record IngestCreated(long Id);

/// <summary>Metric points to append.</summary>
/// <param name="Points">The points.</param>
public sealed record IngestMetrics(IReadOnlyList<MetricValue>? Points);

/// <summary>A tag to set; a null value removes it.</summary>
/// <param name="Key">Tag key.</param>
/// <param name="Value">Value, or null to remove.</param>
public sealed record IngestTag(string? Key, string? Value);

/// <summary>An evaluation_results.json document to record.</summary>
/// <param name="Document">The document (either of the reference's shapes).</param>
/// <param name="Source">Where the file was on the machine that wrote it.</param>
/// <param name="CheckpointPath">The checkpoint it evaluated, as recorded with <c>/checkpoints</c>.</param>
public sealed record IngestEvaluation(JsonElement? Document, string? Source, string? CheckpointPath);

/// <summary>How a run ended.</summary>
/// <param name="Status"><c>completed</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Message">Why it failed (required for <c>failed</c>).</param>
public sealed record IngestFinish(string? Status, string? Message);

/// <summary>Whether a dataset was set (false: the run had one already and keeps it).</summary>
/// <param name="Set">Whether it was set.</param>
public sealed record IngestDatasetResult(bool Set);
