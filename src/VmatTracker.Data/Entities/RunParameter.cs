namespace VmatTracker.Data.Entities;

/// <summary>
/// One flattened configuration value (nested objects joined with dots), keeping the reference's snake_case names.
/// Held both as text and, when it is a number or a boolean (1/0), as a number, so filters compare either way.
/// </summary>
public class RunParameter
{
    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>Name, e.g. <c>use_structure_weighted</c> or <c>model.base_channels</c>.</summary>
    public required string Key { get; set; }

    /// <summary>The value as text (<c>true</c>, <c>42</c>, <c>prostate</c>; JSON for arrays).</summary>
    public string? Text { get; set; }

    /// <summary>The value as a number, when it is one (booleans as 1 and 0).</summary>
    public double? Number { get; set; }
}
