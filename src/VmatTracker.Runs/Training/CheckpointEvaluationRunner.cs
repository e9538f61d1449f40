using System.Globalization;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;

namespace VmatTracker.Runs.Training;

/// <summary>
/// Evaluates one stored checkpoint of a run on the run's test split (the Engine's <see cref="CheckpointEvaluator"/>,
/// the same prediction and evaluation the trainer runs for its best checkpoint) into
/// <c>&lt;run folder&gt;/evaluations/&lt;checkpoint name&gt;/</c>, and records the evaluation_results.json it wrote as
/// an evaluation of that checkpoint (and the file as an artifact) through <see cref="RunRecorder"/>, so the run's page
/// shows it. The run's own status is never changed.
/// </summary>
public sealed class CheckpointEvaluationRunner(RunRecorder recorder)
{
    /// <summary>The folder under a run folder that holds per-checkpoint evaluations.</summary>
    public const string EvaluationsFolderName = "evaluations";

    /// <summary>Where the evaluation of <paramref name="checkpointPath"/> goes inside <paramref name="runFolder"/>.</summary>
    public static string OutputFolder(string runFolder, string checkpointPath) =>
        Path.Combine(runFolder, EvaluationsFolderName, Path.GetFileNameWithoutExtension(checkpointPath));

    /// <summary>
    /// Predicts and evaluates on this thread, then records the result; returns the stored evaluation's ID.
    /// </summary>
    /// <exception cref="TrainingSetupException">The checkpoint, data or device cannot be used, or no test case could be
    /// evaluated; the message says why.</exception>
    /// <exception cref="OperationCanceledException">Stopped between cases.</exception>
    public long Evaluate(long runId, TrainerOptions options, string checkpointPath, string runFolder, Action<string> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        var output = OutputFolder(runFolder, checkpointPath);
        var outcome = CheckpointEvaluator.Evaluate(options, checkpointPath, output, log, cancellationToken);
        if (outcome.EvaluationPath is not { } path || outcome.Evaluated.Count == 0)
        {
            var reasons = outcome.Failures.Count == 0 ? "the test cases have no ground-truth dose"
                : string.Join("; ", outcome.Failures.Select(f => $"{f.CaseId}: {f.Error}"));
            throw new TrainingSetupException(string.Create(CultureInfo.InvariantCulture,
                $"no test case of run {runId} could be evaluated with {Path.GetFileName(checkpointPath)}: {reasons}"));
        }

        var none = CancellationToken.None;
        recorder.AddArtifactAsync(runId, ArtifactInfo.FromFile(path, "evaluation"), none).GetAwaiter().GetResult();
        var id = recorder.AddEvaluationFileAsync(runId, path, checkpointPath, none).GetAwaiter().GetResult();
        log(string.Create(CultureInfo.InvariantCulture,
            $"evaluation {id} recorded: {outcome.Evaluated.Count} test case(s) evaluated, {outcome.Failures.Count} failed, in {output}"));
        return id;
    }
}
