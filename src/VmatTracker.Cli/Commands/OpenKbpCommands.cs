using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmatTracker.Engine.OpenKbp;

namespace VmatTracker.Cli.Commands;

/// <summary><c>vmat openkbp score</c>: OpenKBP's dose and DVH scores of a folder of prediction CSVs.</summary>
public static class OpenKbpCommands
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Builds the <c>openkbp</c> command group.</summary>
    public static Command Create(CliConsole console)
    {
        var group = new Command("openkbp", "OpenKBP benchmark tools (head and neck).");
        group.Subcommands.Add(CreateScore(console));
        return group;
    }

    private static Command CreateScore(CliConsole console)
    {
        var reference = new Option<DirectoryInfo>("--reference") { Description = "OpenKBP patient folders (the reference doses and masks).", Required = true };
        var predictions = new Option<DirectoryInfo>("--predictions") { Description = "Folder of OpenKBP prediction CSVs (pt_N.csv, Gy).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print {\"dose_score\", \"dvh_score\", \"patients\"} as JSON." };
        var command = new Command("score", "OpenKBP's dose score and DVH score, per patient and overall, as OpenKBP computes them.")
        {
            reference, predictions, json,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(reference)!, parsed.GetValue(predictions)!, parsed.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, DirectoryInfo reference, DirectoryInfo predictions, bool json)
    {
        foreach (var (folder, flag) in new[] { (reference, "--reference"), (predictions, "--predictions") })
        {
            if (!folder.Exists)
            {
                console.Error.WriteLine($"error: {flag}: the folder '{folder.FullName}' does not exist");
                return 1;
            }
        }

        var report = OpenKbpScorer.Score(reference.FullName, predictions.FullName);
        if (json)
        {
            console.Out.WriteLine(ToJson(report).ToJsonString(s_json));
        }
        else
        {
            WriteTable(console.Out, report);
        }

        foreach (var problem in report.Problems)
        {
            console.Error.WriteLine($"error: {problem}");
        }

        return report.Problems.Count == 0 && report.Patients.Count > 0 ? 0 : 1;
    }

    /// <summary>The --json shape: {"dose_score", "dvh_score", "patients": {"pt_N": {"dose_error", "dvh": {...}}}}.</summary>
    public static JsonObject ToJson(OpenKbpScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var patients = new JsonObject();
        foreach (var patient in report.Patients)
        {
            var dvh = new JsonObject();
            foreach (var (structure, metrics) in patient.DvhErrors)
            {
                dvh[structure] = new JsonObject(metrics.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
            }

            patients[patient.PatientId] = new JsonObject { ["dose_error"] = patient.DoseError, ["dvh"] = dvh };
        }

        return new JsonObject
        {
            ["dose_score"] = report.DoseScore,
            ["dvh_score"] = report.DvhScore,
            ["patients"] = patients,
        };
    }

    private static void WriteTable(TextWriter output, OpenKbpScoreReport report)
    {
        output.WriteLine($"{"patient",-10} {"dose error (Gy)",16} {"DVH error (Gy)",15}");
        foreach (var patient in report.Patients)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{patient.PatientId,-10} {patient.DoseError,16:F4} {Format(patient.DvhError),15}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"overall",-10} {Format(report.DoseScore),16} {Format(report.DvhScore),15}   ({report.Patients.Count} patients; dose score, DVH score)"));
    }

    private static string Format(double? value) =>
        value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
