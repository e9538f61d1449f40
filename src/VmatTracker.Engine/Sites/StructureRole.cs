namespace VmatTracker.Engine.Sites;

/// <summary>What a structure channel is for: losses and metrics treat targets and organs at risk differently.</summary>
public enum StructureRole
{
    /// <summary>A planning target volume with its own prescription.</summary>
    Target,

    /// <summary>An organ at risk.</summary>
    OrganAtRisk,

    /// <summary>Anything else (e.g. the prostate CTV): an input, neither weighted as a target nor as an organ.</summary>
    Other,
}
