namespace VmatTracker.Runs.Commands;

/// <summary>How a new run is labelled in the store.</summary>
/// <param name="Experiment">Experiment name (null: the default one).</param>
/// <param name="Tags">Labels.</param>
/// <param name="Notes">Free text.</param>
public sealed record RunLaunch(string? Experiment, IReadOnlyDictionary<string, string>? Tags, string? Notes);
