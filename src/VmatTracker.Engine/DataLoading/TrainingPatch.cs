namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// One training sample cut from a case: the model input [CT, SDF0 … SDF(C-1)] as (1 + C, Y, X, Z), the dose (Y, X, Z),
/// the constraints vector, and which structures the case has (by its masks).
/// </summary>
public sealed class TrainingPatch
{
    /// <summary>The case it came from.</summary>
    public required string CaseId { get; init; }

    /// <summary>Patch shape (Y, X, Z).</summary>
    public required VolumeShape Shape { get; init; }

    /// <summary>Model input, (1 + C)·Y·X·Z values, C order.</summary>
    public required float[] Condition { get; init; }

    /// <summary>Normalised dose, Y·X·Z values.</summary>
    public required float[] Dose { get; init; }

    /// <summary>The case's constraints vector.</summary>
    public required float[] Constraints { get; init; }

    /// <summary>Whether the case has each structure channel (its mask is not empty).</summary>
    public required bool[] Present { get; init; }

    /// <summary>Structure channels C.</summary>
    public int ChannelCount => Present.Length;
}
