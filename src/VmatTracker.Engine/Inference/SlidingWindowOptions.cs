namespace VmatTracker.Engine.Inference;

/// <summary>
/// Predicts a batch of patches: <c>patches</c> holds <c>batch</c> inputs of shape (C, P, P, P) back to back (C
/// order, channels [CT, SDF0, SDF1, ...]); the result must hold <c>batch</c> predictions of shape (P, P, P).
/// </summary>
/// <param name="patches">The input patches, batch·C·P³ values.</param>
/// <param name="batch">How many patches the array holds.</param>
public delegate float[] PatchPredictor(float[] patches, int batch);

/// <summary>Settings of <see cref="SlidingWindowInference"/> (reference-spec 2.4, the later rules).</summary>
public sealed record SlidingWindowOptions
{
    /// <summary>Cubic patch edge in voxels (the reference's 128).</summary>
    public int PatchSize { get; init; } = 128;

    /// <summary>Overlap between neighbouring patches; null means half a patch (64 for 128). Stride = patch - overlap.</summary>
    public int? Overlap { get; init; }

    /// <summary>Patches handed to the predictor per call.</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Upper clamp of the blended output, in normalised dose (1.5 = 105 Gy for a 70 Gy prescription).</summary>
    public float MaxOutput { get; init; } = 1.5f;

    /// <summary>The overlap in force.</summary>
    public int EffectiveOverlap => Overlap ?? (PatchSize / 2);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for unusable settings.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PatchSize, 1, nameof(PatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(EffectiveOverlap, nameof(Overlap));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(EffectiveOverlap, PatchSize, nameof(Overlap));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
    }
}
