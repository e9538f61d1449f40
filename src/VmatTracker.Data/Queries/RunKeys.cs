namespace VmatTracker.Data.Queries;

/// <summary>The metric and parameter names present in the store.</summary>
/// <param name="Metrics">Metric keys.</param>
/// <param name="Parameters">Parameter keys.</param>
public sealed record RunKeys(IReadOnlyList<string> Metrics, IReadOnlyList<string> Parameters);
