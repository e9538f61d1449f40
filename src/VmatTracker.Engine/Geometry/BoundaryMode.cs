namespace VmatTracker.Engine.Geometry;

/// <summary>How a filter extends an array past its edges (named as in scipy.ndimage).</summary>
public enum BoundaryMode
{
    /// <summary>Mirror about the edge, repeating the edge value: (d c b a | a b c d | d c b a). scipy's default.</summary>
    Reflect,

    /// <summary>Repeat the edge value: (a a a a | a b c d | d d d d).</summary>
    Nearest,
}
