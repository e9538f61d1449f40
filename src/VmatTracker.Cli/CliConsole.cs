namespace VmatTracker.Cli;

/// <summary>Where a command writes: its normal output and its diagnostics.</summary>
/// <param name="Out">Results (tables, JSON).</param>
/// <param name="Error">Problems and progress notes.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error);
