namespace VmatTracker.Reports;

/// <summary>A report cannot be made as asked (unknown runs, a baseline outside the runs); the message says why.</summary>
public sealed class ReportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public ReportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ReportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
