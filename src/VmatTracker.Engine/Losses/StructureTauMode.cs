namespace VmatTracker.Engine.Losses;

/// <summary>How the structure-weighted loss sets its organ-boundary band (reference-spec 3.5).</summary>
public enum StructureTauMode
{
    /// <summary>τ = boundary width / SDF clip (5/50 = 0.1): within 5 mm of the organ surface. The default.</summary>
    Corrected,

    /// <summary>
    /// The pilot's bug, τ = boundary width / 2.5 = 2.0, so |SDF| &lt; τ holds everywhere and the 0.5 background weight
    /// never applies. The seed record's 31.2 % gamma was trained with this; offered only to reproduce it.
    /// </summary>
    Pilot,
}
