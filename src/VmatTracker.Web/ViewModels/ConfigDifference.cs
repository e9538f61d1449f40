namespace VmatTracker.Web.ViewModels;

/// <summary>One configuration key that differs between runs.</summary>
/// <param name="Key">Flattened key (<c>hparams.lr</c>).</param>
/// <param name="Values">Each run's value as JSON text, in run order; null where the run's config lacks the key.</param>
public sealed record ConfigDifference(string Key, IReadOnlyList<string?> Values);
