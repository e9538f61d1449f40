using System.Text.Encodings.Web;
using System.Text.Json;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Evaluation;
using VmatTracker.Engine.Metrics;
using VmatTracker.Engine.Models;
using VmatTracker.Engine.OpenKbp;
using VmatTracker.Engine.Sites;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Training;

/// <summary>What predicting a set of cases produced.</summary>
/// <param name="Predicted">Case IDs with a prediction file written.</param>
/// <param name="Evaluated">Cases evaluated against their ground-truth dose.</param>
/// <param name="Failures">Cases that failed, with the reason.</param>
/// <param name="EvaluationPath">evaluation_results.json, when any case had a ground truth.</param>
public sealed record PredictionOutcome(IReadOnlyList<string> Predicted, IReadOnlyList<CaseEvaluation> Evaluated,
    IReadOnlyList<(string CaseId, string Error)> Failures, string? EvaluationPath);

/// <summary>
/// Predicts whole cases with a model and writes the reference's prediction files (<c>&lt;case&gt;_pred.npz</c>: "dose" in
/// normalised units clamped to [0, 1.5], plus the case's metadata), then evaluates every case that has a ground-truth
/// dose with the evaluation code (evaluation_results.json, dvh/, slices/). One bad case is reported; the rest go on.
/// </summary>
public static class TestSetPredictor
{
    /// <summary>Predicts <paramref name="caseFiles"/> into <paramref name="outputFolder"/>; <paramref name="predictedCase"/>
    /// sees each case file, its volume and the normalised prediction (for extra output formats).</summary>
    public static PredictionOutcome Run(BaselineUNet3D model, IEnumerable<string> caseFiles, string outputFolder, int patchSize,
        Device device, Action<string> log, CancellationToken cancellationToken, EvaluationOptions? evaluation = null,
        Action<string, CaseVolume, float[]>? predictedCase = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(caseFiles);
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(outputFolder);
        evaluation ??= new EvaluationOptions { Gamma = new GammaOptions { Subsample = 4 } };
        var predicted = new List<string>();
        var evaluated = new List<CaseEvaluation>();
        var failures = new List<(string, string)>();
        foreach (var file in caseFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var caseId = Path.GetFileNameWithoutExtension(file);
            try
            {
                var volume = CaseFile.Read(file);
                var prediction = ModelInference.PredictVolume(model, volume, patchSize, device, cancellationToken);
                WritePrediction(Path.Combine(outputFolder, caseId + "_pred.npz"), volume, prediction);
                predictedCase?.Invoke(file, volume, prediction);
                predicted.Add(caseId);
                if (volume.Dose.AsSpan().IndexOfAnyExcept(0f) < 0)
                {
                    log($"{caseId}: no ground-truth dose; prediction written, not evaluated");
                    continue;
                }

                var result = CaseEvaluator.Evaluate(volume, prediction, evaluation, OpenKbpSubmission.ReadPossibleDoseMask(file), cancellationToken);
                var site = SiteCatalog.TryGet(volume.Metadata.Site, out var s) ? s : SiteCatalog.Default;
                EvaluationArtifacts.Write(outputFolder, volume, CaseEvaluator.Sanitise(prediction, site.PrescriptionGy,
                    evaluation.HighDoseWarningGy, []), result);
                evaluated.Add(result);
                log($"{caseId}: MAE {result.Dose.MaeGy:F3} Gy, gamma {result.Gamma.PassRate:F2} %");
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or CaseFormatException or NumpyFormatException
                                           or ArgumentException or UnauthorizedAccessException)
            {
                failures.Add((caseId, ex.Message));
                log($"{caseId}: failed: {ex.Message}");
            }
        }

        string? path = null;
        if (evaluated.Count > 0 || failures.Count > 0)
        {
            path = Path.Combine(outputFolder, "evaluation_results.json");
            var json = EvaluationJson.Build(evaluated, failures, evaluation, DateTimeOffset.UtcNow);
            File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }));
        }

        return new PredictionOutcome(predicted, evaluated, failures, path);
    }

    /// <summary>Writes one prediction file (temporary name, then renamed).</summary>
    public static void WritePrediction(string path, CaseVolume volume, float[] prediction)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(prediction);
        var temporary = path + ".partial";
        using (var npz = NpzWriter.Create(temporary))
        {
            npz.Write(CaseFile.DoseKey, NpyArray.Create(prediction, volume.Shape.Y, volume.Shape.X, volume.Shape.Z));
            npz.Write(CaseFile.MetadataJsonKey, NpyArray.StringScalar(volume.Metadata.Values.ToJsonString()));
        }

        File.Move(temporary, path, overwrite: true);
    }
}
