namespace VmatTracker.Engine.Sites;

/// <summary>
/// One clinical acceptance criterion checked on the predicted dose, e.g. Rectum V70 &lt;= 15 %.
/// </summary>
/// <param name="Structure">Structure channel name.</param>
/// <param name="Metric">Dmax, Dmean, D95 ..., V70 ... (Gy thresholds), V100 / V95 (of the structure's own
/// prescription), or V45cc for an absolute volume.</param>
/// <param name="Comparison">"&lt;=" or "&gt;=".</param>
/// <param name="Limit">The limit, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Gy, % or cc.</param>
/// <param name="Source">The published protocol the goal comes from (documentation, not used in checks).</param>
public sealed record ClinicalGoal(string Structure, string Metric, string Comparison, double Limit, string Unit,
    string? Source = null);
