namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>
/// A .npy or .npz stream that breaks the numpy format (bad magic, unsupported dtype, truncated data, ...). The case layer
/// wraps it in <see cref="CaseFormatException"/>; the message names the file and member when they are known.
/// </summary>
public sealed class NumpyFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="file"/> and <paramref name="member"/> may be unknown (null).</summary>
    public NumpyFormatException(string problem, string? file = null, string? member = null, Exception? inner = null)
        : base(Compose(problem, file, member), inner)
    {
        Problem = problem;
        FileName = file;
        Member = member;
    }

    /// <summary>What is wrong, in words.</summary>
    public string Problem { get; }

    /// <summary>The file at fault, when known.</summary>
    public string? FileName { get; }

    /// <summary>The npz member (name without .npy) at fault, when known.</summary>
    public string? Member { get; }

    /// <summary>The same problem, with the file and member filled in where this exception lacks them.</summary>
    public NumpyFormatException WithContext(string? file, string? member) =>
        new(Problem, FileName ?? file, Member ?? member, InnerException);

    private static string Compose(string problem, string? file, string? member) => (file, member) switch
    {
        (null, null) => problem,
        (null, _) => $"member '{member}': {problem}",
        (_, null) => $"{file}: {problem}",
        _ => $"{file}: member '{member}': {problem}",
    };
}
