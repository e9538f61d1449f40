using System.CommandLine;
using System.Globalization;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Evaluation;
using VmatTracker.Engine.Metrics;

namespace VmatTracker.Cli.Commands;

/// <summary>
/// <c>vmat evaluate</c>: evaluates prediction NPZ files (<c>&lt;case&gt;_pred.npz</c> with a normalised <c>dose</c>)
/// against their cases and writes evaluation_results.json, dvh/ and slices/ into --out. A bad case is reported and
/// skipped; the others are still evaluated.
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var predictions = new Option<DirectoryInfo>("--predictions") { Description = "Folder of <case>_pred.npz files.", Required = true };
        var dataDir = new Option<DirectoryInfo>("--data-dir") { Description = "Folder of case NPZ files (the ground truth).", Required = true };
        var cases = new Option<string>("--cases") { Description = "test, val, all, or case IDs separated by commas.", DefaultValueFactory = _ => "test" };
        var seed = new Option<int>("--seed") { Description = "Split seed (numpy RandomState) for test/val.", DefaultValueFactory = _ => 42 };
        var split = new Option<FileInfo?>("--split") { Description = "A locked split JSON file instead of the seed." };
        var subsample = new Option<int>("--gamma-subsample") { Description = "Gamma on every k-th voxel per axis.", DefaultValueFactory = _ => 4 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for evaluation_results.json, dvh/ and slices/.", Required = true };
        var command = new Command("evaluate", "Evaluate predictions against their cases: dose metrics, gamma, DVH, clinical goals.")
        {
            predictions, dataDir, cases, seed, split, subsample, output,
        };
        command.SetAction((parsed, token) => Task.FromResult(Run(console, parsed.GetValue(predictions)!, parsed.GetValue(dataDir)!,
            parsed.GetValue(cases)!, parsed.GetValue(seed), parsed.GetValue(split), parsed.GetValue(subsample), parsed.GetValue(output)!, token)));
        return command;
    }

    private static int Run(CliConsole console, DirectoryInfo predictions, DirectoryInfo dataDir, string selection, int seed,
        FileInfo? splitFile, int subsample, DirectoryInfo output, CancellationToken token)
    {
        var options = new EvaluationOptions { Gamma = new GammaOptions { Subsample = subsample } };
        List<string> ids;
        Dictionary<string, string> files;
        try
        {
            options.Gamma.Validate();
            foreach (var (folder, flag) in new[] { (predictions, "--predictions"), (dataDir, "--data-dir") })
            {
                if (!folder.Exists)
                {
                    throw new CliInputException($"{flag}: the folder '{folder.FullName}' does not exist");
                }
            }

            files = DatasetCatalog.ListCaseFiles(dataDir.FullName).ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
            ids = SelectCases(selection, seed, splitFile, files.Keys.Order(StringComparer.Ordinal).ToList());
            Directory.CreateDirectory(output.FullName);
        }
        catch (Exception ex) when (ex is CliInputException or ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }

        var evaluated = new List<CaseEvaluation>();
        var failures = new List<(string CaseId, string Error)>();
        foreach (var id in ids)
        {
            token.ThrowIfCancellationRequested();
            try
            {
                var evaluation = EvaluateOne(id, files, predictions.FullName, output.FullName, options, token);
                evaluated.Add(evaluation);
                foreach (var warning in evaluation.Warnings)
                {
                    console.Error.WriteLine($"warning: {id}: {warning}");
                }

                console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{id}: MAE {evaluation.Dose.MaeGy:F3} Gy, gamma {Rate(evaluation.Gamma.PassRate)}, PTV-region gamma {Rate(evaluation.PtvRegionGamma?.PassRate)}"));
            }
            catch (Exception ex) when (ex is CliInputException or ArgumentException or IOException or InvalidDataException
                                           or NumpyFormatException or CaseFormatException or UnauthorizedAccessException)
            {
                failures.Add((id, ex.Message));
                console.Error.WriteLine($"error: {id}: {ex.Message}");
            }
        }

        var json = EvaluationJson.Build(evaluated, failures, options, DateTimeOffset.UtcNow);
        var path = Path.Combine(output.FullName, "evaluation_results.json");
        File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{evaluated.Count} of {ids.Count} cases evaluated ({failures.Count} failed); results in {path}"));
        return evaluated.Count > 0 ? 0 : 1;
    }

    private static CaseEvaluation EvaluateOne(string id, Dictionary<string, string> files, string predictions, string output,
        EvaluationOptions options, CancellationToken token)
    {
        if (!files.TryGetValue(id, out var caseFile))
        {
            throw new CliInputException($"no case file {id}.npz in the data folder");
        }

        var predictionFile = new[] { $"{id}_pred.npz", $"{id}.npz" }.Select(n => Path.Combine(predictions, n)).FirstOrDefault(File.Exists)
            ?? throw new CliInputException($"no prediction file {id}_pred.npz in the predictions folder");
        var truth = CaseFile.Read(caseFile);
        float[] dose;
        int[] shape;
        using (var npz = NpzReader.Open(predictionFile))
        {
            if (!npz.Contains(CaseFile.DoseKey))
            {
                throw new CliInputException($"{Path.GetFileName(predictionFile)} has no '{CaseFile.DoseKey}' array");
            }

            dose = npz.ReadSingles(CaseFile.DoseKey, out var header);
            shape = header.Shape;
        }

        if (!shape.SequenceEqual(truth.Shape.ToArray()))
        {
            throw new CliInputException(
                $"the prediction has shape ({string.Join(", ", shape)}) but the case has {truth.Shape}; they must match");
        }

        var evaluation = CaseEvaluator.Evaluate(truth, dose, options, Engine.OpenKbp.OpenKbpSubmission.ReadPossibleDoseMask(caseFile), token);
        var site = Engine.Sites.SiteCatalog.TryGet(truth.Metadata.Site, out var s) ? s : Engine.Sites.SiteCatalog.Default;
        var predGy = CaseEvaluator.Sanitise(dose, site.PrescriptionGy, options.HighDoseWarningGy, []);
        EvaluationArtifacts.Write(output, truth, predGy, evaluation);
        return evaluation;
    }

    /// <summary>The case IDs a --cases value names: all, test or val (split by seed or lock file), or IDs separated by commas.</summary>
    internal static List<string> SelectCases(string selection, int seed, FileInfo? splitFile, List<string> available)
    {
        var lower = selection.Trim().ToLowerInvariant();
        if (lower == "all")
        {
            return available;
        }

        if (lower is "test" or "val")
        {
            var split = splitFile is not null ? DataSplit.FromLockFile(splitFile.FullName, available) : DataSplit.FromSeed(available, seed);
            return [.. lower == "test" ? split.Test : split.Validation];
        }

        return [.. selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static string Rate(double? rate) => rate is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r:F2} %") : "n/a";
}
