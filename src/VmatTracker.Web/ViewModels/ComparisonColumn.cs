namespace VmatTracker.Web.ViewModels;

/// <summary>A column of the comparison table and which way is better.</summary>
/// <param name="Title">Header.</param>
/// <param name="Better">Lower, higher or closer to zero.</param>
/// <param name="Source">Where the number comes from (shown as the header's tooltip).</param>
public sealed record ComparisonColumn(string Title, Better Better, string Source);
