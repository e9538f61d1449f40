namespace VmatTracker.Engine.OpenKbp;

/// <summary>A problem in one OpenKBP file; the message names the file and, where there is one, the line.</summary>
public sealed class OpenKbpFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public OpenKbpFormatException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>The file with the problem.</summary>
    public string File { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Problem { get; }
}
