namespace VmatTracker.Engine.Sites;

/// <summary>
/// A treatment-site definition: the structure channels in file order, which are targets (with prescriptions) and
/// which are organs at risk, how the constraints vector is built, and the clinical goals. Sites are data
/// (Sites/*.json, embedded), not code; prostate is the default.
/// </summary>
public sealed record TreatmentSite
{
    /// <summary>Short name used in case metadata (<c>site</c>), e.g. prostate.</summary>
    public required string Name { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The dose that 1.0 in a dose file stands for, in Gy.</summary>
    public required double PrescriptionGy { get; init; }

    /// <summary>The structure channels in file order; optional ones only at the end.</summary>
    public required IReadOnlyList<StructureDefinition> Channels { get; init; }

    /// <summary>The conditioning vector, element by element.</summary>
    public required IReadOnlyList<ConstraintElement> Constraints { get; init; }

    /// <summary>The clinical goals checked on predictions.</summary>
    public required IReadOnlyList<ClinicalGoal> ClinicalGoals { get; init; }

    /// <summary>Channels every case must have (the non-optional ones).</summary>
    public int RequiredChannelCount => Channels.Count(c => !c.Optional);

    /// <summary>True when a case with <paramref name="channelCount"/> channels fits this site.</summary>
    public bool AcceptsChannelCount(int channelCount) =>
        channelCount >= RequiredChannelCount && channelCount <= Channels.Count;

    /// <summary>Index of the channel named <paramref name="name"/> (ordinal, case-insensitive), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Channels.Count; i++)
        {
            if (string.Equals(Channels[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Builds the constraints vector for a case whose present structures are <paramref name="present"/>.</summary>
    public float[] BuildConstraints(IReadOnlySet<string> present, double? prescriptionGy = null)
    {
        ArgumentNullException.ThrowIfNull(present);
        var rx = prescriptionGy ?? PrescriptionGy;
        var vector = new float[Constraints.Count];
        for (var i = 0; i < vector.Length; i++)
        {
            var element = Constraints[i];
            vector[i] = (float)(element.Kind switch
            {
                ConstraintKind.TargetPresence => present.Contains(element.Structure!) ? element.DoseGy!.Value / rx : 0.0,
                ConstraintKind.DoseOverPrescription => element.DoseGy!.Value / rx,
                ConstraintKind.Fixed => element.Value!.Value,
                _ => throw new InvalidOperationException($"Unknown constraint kind {element.Kind}"),
            });
        }

        return vector;
    }
}
