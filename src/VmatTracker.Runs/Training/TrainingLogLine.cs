namespace VmatTracker.Runs.Training;

/// <summary>One line of a run's training log.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Time">When the trainer logged it.</param>
/// <param name="Message">The line.</param>
public sealed record TrainingLogLine(long RunId, DateTimeOffset Time, string Message);
