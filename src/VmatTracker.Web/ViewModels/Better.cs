namespace VmatTracker.Web.ViewModels;

/// <summary>Which values of a comparison column are best.</summary>
public enum Better
{
    /// <summary>The smallest.</summary>
    Lower,

    /// <summary>The largest.</summary>
    Higher,

    /// <summary>The smallest magnitude (a gap, where either sign is an error).</summary>
    NearZero,
}
