namespace VmatTracker.Web.ViewModels;

/// <summary>One structure's DVH: dose levels, the truth's and the prediction's volume percentages.</summary>
/// <param name="Structure">Structure name.</param>
/// <param name="DoseGy">Dose levels.</param>
/// <param name="TruthVolumePct">Ground truth volume at or above each level.</param>
/// <param name="PredictedVolumePct">Prediction volume at or above each level.</param>
public sealed record DvhCurve(string Structure, IReadOnlyList<double> DoseGy, IReadOnlyList<double> TruthVolumePct,
    IReadOnlyList<double> PredictedVolumePct);
