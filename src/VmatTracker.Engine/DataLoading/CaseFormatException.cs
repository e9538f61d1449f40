namespace VmatTracker.Engine.DataLoading;

/// <summary>A case file that breaks the data contract. The message names the file, the key or field, and the problem.</summary>
public sealed class CaseFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="field"/> may be null when the problem is with the whole file.</summary>
    public CaseFormatException(string file, string? field, string problem, Exception? inner = null)
        : base(Compose(file, field, problem), inner)
    {
        File = file;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file (or member) at fault.</summary>
    public string File { get; }

    /// <summary>The key or field at fault, or null for the whole file.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Problem { get; }

    private static string Compose(string file, string? field, string problem) =>
        field is null ? $"{file}: {problem}" : $"{file}: '{field}': {problem}";
}
