namespace VmatTracker.Engine.Models;

/// <summary>A checkpoint that cannot give the model its weights. The message names the file, the key (when one is at
/// fault) and the problem.</summary>
public sealed class CheckpointFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="key"/> is null when the problem is with the whole file.</summary>
    public CheckpointFormatException(string file, string? key, string problem, Exception? inner = null)
        : base(key is null ? $"{file}: {problem}" : $"{file}: '{key}': {problem}", inner)
    {
        File = file;
        Key = key;
    }

    /// <summary>The checkpoint file.</summary>
    public string File { get; }

    /// <summary>The state-dict key at fault, or null.</summary>
    public string? Key { get; }
}
