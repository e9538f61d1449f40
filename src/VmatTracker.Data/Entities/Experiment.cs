namespace VmatTracker.Data.Entities;

/// <summary>A named group of runs (the reference's <c>exp_name</c>).</summary>
public class Experiment
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>Unique name, e.g. <c>structure_weighted</c>.</summary>
    public required string Name { get; set; }

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>When it was first recorded (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Its runs.</summary>
    public List<Run> Runs { get; set; } = [];
}
