using System.CommandLine;
using System.Text.Json;
using TorchSharp;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Models;
using VmatTracker.Engine.OpenKbp;
using VmatTracker.Engine.Sites;
using VmatTracker.Engine.Training;

namespace VmatTracker.Cli.Commands;

/// <summary><c>vmat predict</c>: any checkpoint of this trainer predicts a folder of cases (reference prediction files) and,
/// for cases with a ground-truth dose, evaluates them.</summary>
public static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "A .dat checkpoint written by vmat train, or a reference PyTorch Lightning .ckpt.", Required = true };
        var dataDir = new Option<DirectoryInfo>("--data-dir") { Description = "Folder of case NPZ files.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for <case>_pred.npz and evaluation_results.json.", Required = true };
        var cases = new Option<string>("--cases") { Description = "all, test, val, or case IDs separated by commas.", DefaultValueFactory = _ => "all" };
        var seed = new Option<int?>("--seed") { Description = "Split seed for test/val (default: the run's, else 42)." };
        var baseChannels = new Option<int?>("--base-channels") { Description = "Model width (default: from the run's training_config.json)." };
        var patchSize = new Option<int?>("--patch-size") { Description = "Sliding-window patch (default: the run's)." };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" };
        var openKbp = new Option<DirectoryInfo?>("--openkbp-csv")
        {
            Description = "Also write OpenKBP submission CSVs (pt_N.csv: dose in Gy times the possible-dose mask, negatives set to 0) for imported OpenKBP cases.",
        };
        var command = new Command("predict", "Predict cases with a checkpoint and evaluate those that have a ground-truth dose.")
        {
            checkpoint, dataDir, output, cases, seed, baseChannels, patchSize, device, openKbp,
        };
        command.SetAction((parsed, token) => Task.FromResult(Run(console, parsed.GetValue(checkpoint)!, parsed.GetValue(dataDir)!,
            parsed.GetValue(output)!, parsed.GetValue(cases)!, parsed.GetValue(seed), parsed.GetValue(baseChannels), parsed.GetValue(patchSize),
            parsed.GetValue(device)!, parsed.GetValue(openKbp), token)));
        return command;
    }

    private static int Run(CliConsole console, FileInfo checkpoint, DirectoryInfo dataDir, DirectoryInfo output, string selection,
        int? seed, int? baseChannels, int? patchSize, string devicePreference, DirectoryInfo? openKbp, CancellationToken token)
    {
        if (!checkpoint.Exists)
        {
            console.Error.WriteLine($"error: --checkpoint: '{checkpoint.FullName}' does not exist");
            return 1;
        }

        if (!dataDir.Exists)
        {
            console.Error.WriteLine($"error: --data-dir: the folder '{dataDir.FullName}' does not exist");
            return 1;
        }

        var run = RunSettings.Near(checkpoint.FullName);
        PyTorchCheckpoint? lightning = null;
        try
        {
            // A reference Lightning .ckpt (torch.save zip) names its own widths; a .dat relies on its run folder.
            lightning = PyTorchCheckpoint.IsTorchSaveFile(checkpoint.FullName) ? PyTorchCheckpoint.Read(checkpoint.FullName) : null;
        }
        catch (CheckpointFormatException ex)
        {
            console.Error.WriteLine($"error: --checkpoint: {ex.Message}");
            return 1;
        }

        using var lightningWeights = lightning;
        if (lightning is not null)
        {
            console.Error.WriteLine(ModelWeights.Describe(lightning));
        }

        var width = baseChannels ?? run?.BaseChannels ?? lightning?.BaseChannels;
        var patch = patchSize ?? run?.PatchSize ?? lightning?.PatchSize;
        if (lightning is not null && patch is null)
        {
            patch = ReferencePatchSize;
            console.Error.WriteLine($"--patch-size not given and not in the checkpoint's hyper_parameters: using the reference's {ReferencePatchSize}");
        }

        if (width is null || patch is null)
        {
            console.Error.WriteLine("error: --base-channels and --patch-size: the checkpoint is not inside a run folder with training_config.json; give both");
            return 1;
        }

        var files = DatasetCatalog.ListCaseFiles(dataDir.FullName);
        if (files.Count == 0)
        {
            console.Error.WriteLine($"error: --data-dir: '{dataDir.FullName}' has no .npz cases");
            return 1;
        }

        var byId = files.ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        var ids = EvaluateCommand.SelectCases(selection, seed ?? run?.Seed ?? 42, null, byId.Keys.Order(StringComparer.Ordinal).ToList());
        if (ids.FirstOrDefault(id => !byId.ContainsKey(id)) is { } unknown)
        {
            console.Error.WriteLine($"error: --cases: no case file {unknown}.npz in the data folder");
            return 1;
        }

        var selected = ids.Select(id => byId[id]).ToList();
        var device = DeviceSelector.Select(devicePreference);
        if (device.Problem is { } problem)
        {
            console.Error.WriteLine($"error: --device: {problem}");
            return 1;
        }

        var first = CaseFile.ReadMetadataOnly(selected[0]);
        var site = SiteCatalog.TryGet(first.Metadata.Site, out var s) ? s : SiteCatalog.Default;
        if (lightning is not null && lightning.InChannels != 1 + first.ChannelCount)
        {
            console.Error.WriteLine($"error: --checkpoint: '{checkpoint.FullName}' takes {lightning.InChannels} input channels, but the cases have " +
                $"{1 + first.ChannelCount} (CT + {first.ChannelCount} structures)");
            return 1;
        }

        using var model = new BaselineUNet3D(1 + first.ChannelCount, width.Value, site.Constraints.Count);
        try
        {
            if (lightning is not null)
            {
                lightning.CopyInto(model);
            }
            else
            {
                ModelWeights.LoadInto(model, checkpoint.FullName);
            }
        }
        catch (CheckpointFormatException ex)
        {
            console.Error.WriteLine($"error: --checkpoint: {ex.Message}");
            return 1;
        }

        var torchDevice = new TorchSharp.torch.Device(device.Name);
        model.to(torchDevice);
        var submissions = 0;
        void WriteSubmission(string caseFile, CaseVolume volume, float[] prediction)
        {
            if (openKbp is null)
            {
                return;
            }

            if (OpenKbpSubmission.ReadPossibleDoseMask(caseFile) is not { } mask)
            {
                console.Error.WriteLine($"{volume.CaseId}: no possible-dose mask (not an OpenKBP import); no submission CSV");
                return;
            }

            Directory.CreateDirectory(openKbp.FullName);
            var gyPerUnit = SiteCatalog.TryGet(volume.Metadata.Site, out var caseSite) ? caseSite.PrescriptionGy : site.PrescriptionGy;
            OpenKbpSubmission.Write(Path.Combine(openKbp.FullName, OpenKbpSubmission.FileName(volume.CaseId)), prediction, mask, gyPerUnit);
            submissions++;
        }

        var outcome = TestSetPredictor.Run(model, selected, output.FullName, patch.Value, torchDevice, m => console.Error.WriteLine(m), token,
            predictedCase: WriteSubmission);
        if (openKbp is not null)
        {
            console.Out.WriteLine($"{submissions} OpenKBP submission CSV(s) in {openKbp.FullName}");
        }

        console.Out.WriteLine($"{outcome.Predicted.Count} prediction(s) in {output.FullName}; {outcome.Evaluated.Count} evaluated, {outcome.Failures.Count} failed");
        return outcome.Failures.Count == 0 ? 0 : 1;
    }

    // The reference trains and predicts with 128-voxel patches (reference-spec 5.1).
    private const int ReferencePatchSize = 128;

    private sealed record RunSettings(int BaseChannels, int PatchSize, int Seed)
    {
        // A checkpoint saved by vmat train sits in <run>/checkpoints/; its run's config names the model it fits.
        public static RunSettings? Near(string checkpointPath)
        {
            var config = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(checkpointPath)!)!, "training_config.json");
            if (!File.Exists(config))
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllText(config));
            var hparams = document.RootElement.GetProperty("hparams");
            return new RunSettings(hparams.GetProperty("base_channels").GetInt32(), hparams.GetProperty("patch_size").GetInt32(),
                hparams.GetProperty("seed").GetInt32());
        }
    }
}
