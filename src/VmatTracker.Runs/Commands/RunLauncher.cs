using Microsoft.Extensions.Options;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Configuration;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Options;
using VmatTracker.Runs.Queue;

namespace VmatTracker.Runs.Commands;

/// <summary>
/// Starts runs from the web: checks the options (the trainer's own validation plus the server's data roots), creates
/// the run's Queued row through the trainer and puts it in the <see cref="TrainingQueue"/>. Resuming an interrupted
/// run queues a new run with the same options and folder, continuing from the folder's last checkpoint.
/// </summary>
public sealed class RunLauncher(IRunTrainer trainer, TrainingQueue queue, RunQueries queries,
    IOptions<VmatTrackerOptions> settings)
{
    /// <summary>The tag a resumed run carries: the ID of the run it continues.</summary>
    public const string ResumedFromTag = "resumed_from";

    /// <summary>Every problem with <paramref name="options"/>, each naming its field; empty when they can be queued.</summary>
    public IReadOnlyList<string> Problems(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.Validate());
        if (!string.IsNullOrWhiteSpace(options.DataDir))
        {
            if (!DataRoots.Allows(settings.Value, options.DataDir))
            {
                problems.Add($"--data_dir: '{options.DataDir}' is not inside a configured data root ("
                    + string.Join(", ", DataRoots.All(settings.Value)) + ")");
            }
            else if (!Directory.Exists(options.DataDir))
            {
                problems.Add($"--data_dir: '{options.DataDir}' does not exist");
            }
        }

        if (!options.Resume && !string.IsNullOrWhiteSpace(options.ExpName) && Directory.Exists(options.RunFolder))
        {
            problems.Add($"--exp_name: the run folder '{options.RunFolder}' already exists; choose another name");
        }

        return problems;
    }

    /// <summary>Queues a run; returns its ID.</summary>
    /// <exception cref="ArgumentException">The options have problems (all listed in the message).</exception>
    public async Task<long> LaunchAsync(TrainerOptions options, RunLaunch launch, CancellationToken cancellationToken)
    {
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        var runId = await trainer.CreateRunAsync(options, launch, cancellationToken).ConfigureAwait(false);
        queue.Add(new QueuedRun(runId, options));
        return runId;
    }

    /// <summary>Queues the evaluation of checkpoint <paramref name="checkpointId"/> of a run that has ended, on the run's
    /// test split; returns the job's key (<see cref="TrainingQueue.Outcome"/> says how it ended).</summary>
    /// <exception cref="InvalidOperationException">No such run or checkpoint, the run is still queued or training, its
    /// checkpoint file is gone, or that checkpoint is already waiting or being evaluated.</exception>
    public async Task<string> QueueEvaluationAsync(long runId, long checkpointId, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"There is no run {runId}.");
        if (detail.Summary.Status is RunStatus.Queued or RunStatus.Running)
        {
            throw new InvalidOperationException($"Run {runId} is {detail.Summary.Status}; evaluate its checkpoints once it has ended.");
        }

        var checkpoint = detail.Checkpoints.FirstOrDefault(c => c.Id == checkpointId)
            ?? throw new InvalidOperationException($"Run {runId} has no checkpoint {checkpointId}.");
        if (!File.Exists(checkpoint.Path))
        {
            throw new InvalidOperationException($"The checkpoint file {checkpoint.Path} does not exist any more.");
        }

        TrainerOptions options;
        try
        {
            options = TrainerConfigReader.Read(detail.ConfigJson);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Run {runId}'s stored configuration cannot be read: {e.Message}", e);
        }

        var folder = detail.Artifacts.FirstOrDefault(a => a.Kind == Data.Recording.RunRecorder.RunFolderArtifactKind)?.Path
            ?? options.RunFolder;
        var job = new QueuedRun(runId, options) { Checkpoint = new CheckpointJob(checkpoint.Path, folder) };
        queue.Add(job);
        return job.Key;
    }

    /// <summary>Queues the continuation of an interrupted, failed or cancelled run from its last checkpoint.</summary>
    /// <exception cref="InvalidOperationException">No such run, it has not ended, or it left no checkpoint.</exception>
    public async Task<long> ResumeAsync(long runId, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"There is no run {runId}.");
        if (detail.Summary.Status is not (RunStatus.Interrupted or RunStatus.Failed or RunStatus.Cancelled))
        {
            throw new InvalidOperationException($"Run {runId} is {detail.Summary.Status}; only an interrupted, failed or cancelled run can be resumed.");
        }

        var options = TrainerConfigReader.Read(detail.ConfigJson) with { Resume = true, CheckpointPath = null };
        var last = Path.Combine(options.RunFolder, "checkpoints", "last.dat");
        if (!File.Exists(last))
        {
            throw new InvalidOperationException($"Run {runId} left no checkpoint to resume from ({last} does not exist).");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ResumedFromTag] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return await LaunchAsync(options, new RunLaunch(detail.Summary.Experiment, tags, detail.Notes), cancellationToken)
            .ConfigureAwait(false);
    }
}
