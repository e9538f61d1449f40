using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Options;

namespace VmatTracker.Web.ViewModels.Slices;

/// <summary>
/// Where one run's evaluated cases live on disk: the evaluation's folder (evaluation_results.json, slices/, dvh/ and,
/// for runs the trainer evaluated, the <c>&lt;case&gt;_pred.npz</c> files), the run folder's <c>predictions/</c>, and the
/// dataset folder holding each case's CT and ground truth.
/// </summary>
/// <param name="EvaluationFolder">The evaluation's output folder, when known.</param>
/// <param name="RunFolder">The run folder, when known.</param>
/// <param name="DataFolder">The dataset folder, when known.</param>
public sealed record DoseSliceFiles(string? EvaluationFolder, string? RunFolder, string? DataFolder)
{
    /// <summary>The files of <paramref name="detail"/>'s latest evaluation (<paramref name="evaluation"/>).</summary>
    public static DoseSliceFiles Of(RunDetail detail, EvaluationView evaluation)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(evaluation);
        var runFolder = detail.Artifacts.FirstOrDefault(a => a.Kind == RunRecorder.RunFolderArtifactKind)?.Path;
        var dataFolder = detail.Dataset?.Path;
        try
        {
            var options = TrainerConfigReader.Read(detail.ConfigJson);
            runFolder ??= options.RunFolder;
            dataFolder = options.DataDir is { Length: > 0 } dir ? dir : dataFolder;
        }
        catch (FormatException)
        {
            // An unreadable configuration leaves the recorded folders (if any); the panel says what is missing.
        }

        return new DoseSliceFiles(evaluation.OutputFolder, runFolder, dataFolder);
    }

    /// <summary>The case's dataset file (CT and ground truth).</summary>
    /// <exception cref="DoseSliceException">The run does not say where its dataset is.</exception>
    public string CaseFile(string caseId) => DataFolder is { Length: > 0 } folder
        ? Path.Combine(folder, caseId + ".npz")
        : throw new DoseSliceException("the run does not record its dataset folder (data_dir), so the CT and ground truth cannot be found");

    /// <summary>The case's prediction: beside the evaluation, else in the run folder's predictions/.</summary>
    /// <exception cref="DoseSliceException">Neither place has it (the message names both).</exception>
    public string PredictionFile(string caseId)
    {
        var name = caseId + "_pred.npz";
        var candidates = new[] { EvaluationFolder, RunFolder is null ? null : Path.Combine(RunFolder, "predictions") }
            .OfType<string>().Select(folder => Path.Combine(folder, name)).Distinct().ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw new DoseSliceException(candidates.Count == 0
            ? $"neither the evaluation's folder nor the run folder is known, so {name} cannot be found"
            : $"no prediction file: looked for {string.Join(" and ", candidates)}");
    }
}
