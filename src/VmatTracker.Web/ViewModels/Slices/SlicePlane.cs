namespace VmatTracker.Web.ViewModels.Slices;

/// <summary>The three orthogonal planes of a (Y, X, Z) volume (docs/data-contract.md, "Axes").</summary>
public enum SlicePlane
{
    /// <summary>Constant Z: rows Y (anterior at the top), columns X (patient right on the left).</summary>
    Axial,

    /// <summary>Constant Y: rows Z (head at the top), columns X (patient right on the left).</summary>
    Coronal,

    /// <summary>Constant X: rows Z (head at the top), columns Y (anterior on the left).</summary>
    Sagittal,
}
