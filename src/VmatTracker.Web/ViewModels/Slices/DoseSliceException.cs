namespace VmatTracker.Web.ViewModels.Slices;

/// <summary>The viewer cannot show a case; the message says which file and why, for the panel.</summary>
public sealed class DoseSliceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DoseSliceException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public DoseSliceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public DoseSliceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
