namespace VmatTracker.Reports;

/// <summary>Cumulative DVHs of one run's test cases (docs/evaluation-format.md, dvh/&lt;case&gt;.json).</summary>
/// <param name="Source">The folder they were read from.</param>
/// <param name="Cases">Per case, per structure, the curve.</param>
public sealed record DvhCurves(string Source, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DvhCurve>> Cases);

/// <summary>One structure's cumulative DVH: % of the structure at or above each dose level.</summary>
/// <param name="DoseGy">Dose levels.</param>
/// <param name="PredictedPercent">The prediction's volume %.</param>
/// <param name="TruthPercent">The ground truth's volume % on the same levels.</param>
public sealed record DvhCurve(double[] DoseGy, double[] PredictedPercent, double[] TruthPercent);
