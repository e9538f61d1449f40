namespace VmatTracker.Data.Entities;

/// <summary>A test-set evaluation of a run (optionally of one checkpoint).</summary>
public class Evaluation
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>The checkpoint evaluated, when known.</summary>
    public long? CheckpointId { get; set; }

    /// <summary>The checkpoint evaluated.</summary>
    public Checkpoint? Checkpoint { get; set; }

    /// <summary>When it was made.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Where it came from (e.g. the evaluation_results.json path).</summary>
    public string? Source { get; set; }

    /// <summary>The whole evaluation document as JSON, for export and anything not in rows.</summary>
    public string? DocumentJson { get; set; }

    /// <summary>Aggregate values (no case) and per case x structure x metric values.</summary>
    public List<EvaluationValue> Values { get; set; } = [];
}
