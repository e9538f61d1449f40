namespace VmatTracker.Web.Services;

/// <summary>Where the server is in making its dataset available.</summary>
public enum DatasetPhase
{
    /// <summary>Nothing done yet.</summary>
    Starting,

    /// <summary>Writing the synthetic demo phantoms (first start without a data folder).</summary>
    GeneratingDemo,

    /// <summary>Reading and validating the cases.</summary>
    Scanning,

    /// <summary>The report is complete.</summary>
    Ready,

    /// <summary>Something stopped the scan; see the message.</summary>
    Failed,
}
