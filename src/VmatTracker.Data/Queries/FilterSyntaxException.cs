namespace VmatTracker.Data.Queries;

/// <summary>A filter or sort expression that does not parse; the message names the position (1-based).</summary>
public sealed class FilterSyntaxException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="position"/> (0-based index into the text).</summary>
    public FilterSyntaxException(string problem, int position)
        : base($"at position {position + 1}: {problem}") => Position = position;

    /// <summary>Creates an exception.</summary>
    public FilterSyntaxException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public FilterSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public FilterSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>0-based index of the offending character.</summary>
    public int Position { get; }
}
