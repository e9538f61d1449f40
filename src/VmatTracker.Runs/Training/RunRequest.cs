namespace VmatTracker.Runs.Training;

/// <summary>How a run is filed in the store, beside its training options.</summary>
/// <param name="Experiment">Experiment name; "default" when null.</param>
/// <param name="Tags">Labels to add (the dataset's site is added as "site" once the trainer knows it).</param>
/// <param name="Notes">Free-text notes.</param>
public sealed record RunRequest(string? Experiment = null, IReadOnlyDictionary<string, string>? Tags = null, string? Notes = null);
