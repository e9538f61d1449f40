namespace VmatTracker.Data.Entities;

/// <summary>
/// One number of an evaluation: an aggregate when <see cref="CaseId"/> is null, else one case x structure x metric
/// (gamma, DVH, clinical goals; <see cref="Structure"/> null for whole-case metrics).
/// </summary>
public class EvaluationValue
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The evaluation.</summary>
    public long EvaluationId { get; set; }

    /// <summary>The case, or null for an aggregate.</summary>
    public string? CaseId { get; set; }

    /// <summary>The structure, or null.</summary>
    public string? Structure { get; set; }

    /// <summary>Metric name, e.g. <c>gamma.global_3mm3pct.gamma_pass_rate</c>.</summary>
    public required string Metric { get; set; }

    /// <summary>The value (null when not finite or not a number).</summary>
    public double? Value { get; set; }
}
