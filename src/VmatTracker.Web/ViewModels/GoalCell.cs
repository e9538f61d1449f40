namespace VmatTracker.Web.ViewModels;

/// <summary>One goal for one case.</summary>
/// <param name="Predicted">The prediction's value.</param>
/// <param name="Target">The ground truth's value.</param>
/// <param name="Passed">Whether the prediction meets the goal.</param>
public sealed record GoalCell(double? Predicted, double? Target, bool Passed);
