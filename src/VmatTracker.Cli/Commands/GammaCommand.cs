using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Metrics;

namespace VmatTracker.Cli.Commands;

/// <summary>
/// <c>vmat gamma</c>: the gamma index of two 3D arrays (.npy, or a key of an .npz), with pymedphys' semantics.
/// Shape and spacing are taken in the arrays' own axis order and never reordered.
/// </summary>
public static class GammaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var reference = new Option<FileInfo>("--reference") { Description = "Reference dose (.npy or .npz): the ground truth.", Required = true };
        var evaluated = new Option<FileInfo>("--evaluated") { Description = "Evaluated dose (.npy or .npz): the prediction.", Required = true };
        var key = new Option<string?>("--key") { Description = "Array name inside .npz files (default: dose)." };
        var spacing = new Option<VoxelSpacing>("--spacing-mm")
        {
            Description = "Voxel spacing in mm, one value per array axis in the arrays' order (Y,X,Z for contract volumes).",
            CustomParser = r => CliOptions.ParseSpacing(r, "--spacing-mm"),
            Required = true,
        };
        var dosePercent = new Option<double>("--dose-percent") { Description = "Dose criterion in %.", DefaultValueFactory = _ => 3 };
        var dta = new Option<double>("--dta-mm") { Description = "Distance to agreement in mm.", DefaultValueFactory = _ => 3 };
        var cutoff = new Option<double>("--cutoff-percent") { Description = "Lower dose cutoff in % of the normalisation.", DefaultValueFactory = _ => 10 };
        var maxGamma = new Option<double>("--max-gamma")
        {
            Description = "Search limit; values above it are clipped ('inf' searches until done).",
            DefaultValueFactory = _ => 2,
            CustomParser = r => ParseMaxGamma(r),
        };
        var interp = new Option<int>("--interp-fraction") { Description = "Search step = DTA / this.", DefaultValueFactory = _ => 10 };
        var local = new Option<bool>("--local") { Description = "Local gamma (relative to the reference dose at each point)." };
        var subsample = new Option<int>("--subsample") { Description = "Decimate both arrays by [::k] first.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("gamma", "Gamma index of two dose arrays (pymedphys gamma_shell semantics).")
        {
            reference, evaluated, key, spacing, dosePercent, dta, cutoff, maxGamma, interp, local, subsample, json,
        };
        command.SetAction(parsed =>
        {
            var options = new GammaOptions
            {
                DosePercent = parsed.GetValue(dosePercent),
                DistanceMm = parsed.GetValue(dta),
                LowerCutoffPercent = parsed.GetValue(cutoff),
                MaxGamma = parsed.GetValue(maxGamma),
                InterpFraction = parsed.GetValue(interp),
                Local = parsed.GetValue(local),
                Subsample = parsed.GetValue(subsample),
            };
            try
            {
                options.Validate();
                var name = parsed.GetValue(key) ?? CaseFile.DoseKey;
                var (refShape, refValues) = Load(parsed.GetValue(reference)!, name, "--reference");
                var (evalShape, evalValues) = Load(parsed.GetValue(evaluated)!, name, "--evaluated");
                if (refShape != evalShape)
                {
                    throw new CliInputException($"--reference has shape {refShape} but --evaluated has {evalShape}; they must match");
                }

                var bad = evalValues.Count(v => !double.IsFinite(v));
                if (bad > 0)
                {
                    throw new CliInputException($"--evaluated holds {bad} NaN or infinite values");
                }

                var clock = Stopwatch.StartNew();
                var result = GammaIndex.Compute(refValues, evalValues, refShape, parsed.GetValue(spacing), options);
                var seconds = clock.Elapsed.TotalSeconds;
                Report(console, result, seconds, parsed.GetValue(json));
                return 0;
            }
            catch (Exception ex) when (ex is CliInputException or ArgumentException or IOException or UnauthorizedAccessException
                                           or NumpyFormatException or InvalidDataException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static void Report(CliConsole console, GammaResult result, double seconds, bool json)
    {
        if (json)
        {
            var node = new JsonObject
            {
                ["pass_rate"] = result.PassRate,
                ["pass_rate_strict"] = result.PassRateStrict,
                ["evaluated_points"] = result.EvaluatedPoints,
                ["gamma_mean"] = result.Mean,
                ["gamma_median"] = result.Median,
                ["gamma_max"] = result.Max,
                ["seconds"] = seconds,
            };
            console.Out.WriteLine(node.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            if (result.EvaluatedPoints == 0)
            {
                console.Error.WriteLine("no reference point is at or above the cutoff: nothing was evaluated");
            }

            return;
        }

        if (result.EvaluatedPoints == 0)
        {
            console.Out.WriteLine("no reference point is at or above the cutoff: nothing was evaluated (pass rate undefined)");
            return;
        }

        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gamma on {result.Shape} at {result.Spacing}: {result.EvaluatedPoints} points evaluated"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pass rate (gamma <= 1) {result.PassRate:F3} %, strict (gamma < 1) {result.PassRateStrict:F3} %"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gamma mean {result.Mean:F4}, median {result.Median:F4}, max {result.Max:F4}; {seconds:F3} s"));
    }

    private static (VolumeShape Shape, double[] Values) Load(FileInfo file, string key, string flag)
    {
        if (!file.Exists)
        {
            throw new CliInputException($"{flag}: the file '{file.FullName}' does not exist");
        }

        NpyArray array;
        if (file.Extension.Equals(".npz", StringComparison.OrdinalIgnoreCase))
        {
            using var npz = NpzReader.Open(file.FullName);
            if (!npz.Contains(key))
            {
                throw new CliInputException($"{flag}: '{file.Name}' has no array '{key}' (it holds: {string.Join(", ", npz.Names)}); pick one with --key");
            }

            array = npz.Read(key);
        }
        else
        {
            using var stream = file.OpenRead();
            array = NpyReader.Read(stream);
        }

        if (array.Shape.Length != 3)
        {
            throw new CliInputException($"{flag}: '{file.Name}' has {array.Shape.Length} axes; only 3D arrays are supported");
        }

        return (new VolumeShape(array.Shape[0], array.Shape[1], array.Shape[2]), array.ToDoubleArray());
    }

    private static double ParseMaxGamma(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        result.AddError($"--max-gamma must be a positive number or 'inf', not '{text}'");
        return 0;
    }
}

/// <summary>A problem with what the user gave a command: reported as "error: ..." with exit code 1.</summary>
internal sealed class CliInputException(string message) : Exception(message);
