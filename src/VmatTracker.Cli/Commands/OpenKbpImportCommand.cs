using System.CommandLine;
using VmatTracker.Engine.OpenKbp;

namespace VmatTracker.Cli.Commands;

/// <summary>
/// <c>vmat data import-openkbp SRC --out DIR</c>: converts OpenKBP patient folders into NPZ cases of the head-and-neck
/// site. A bad patient is reported (each bad file named) and the others still import; the exit code is 1 if any failed.
/// </summary>
public static class OpenKbpImportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var source = CliOptions.ExistingFolder("SRC",
            "OpenKBP patient folders: one patient folder, a folder of them (train-pats), or the dataset root.");
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write <patient>.npz cases into.", Required = true };
        var command = new Command("import-openkbp",
            "Convert OpenKBP patient folders (sparse CSVs) into NPZ cases of the head_and_neck site.")
        {
            source, output,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(source)!, parsed.GetValue(output)!));
        return command;
    }

    private static int Run(CliConsole console, DirectoryInfo source, DirectoryInfo output)
    {
        IReadOnlyList<OpenKbpImportResult> results;
        try
        {
            results = OpenKbpImporter.ImportAll(source.FullName, output.FullName, result =>
            {
                if (result.Succeeded)
                {
                    var absent = result.AbsentStructures.Count == 0 ? "none" : string.Join(", ", result.AbsentStructures);
                    console.Out.WriteLine($"{result.PatientId}: imported to {result.OutputFile} (absent: {absent})");
                }
                else
                {
                    foreach (var problem in result.Problems)
                    {
                        console.Error.WriteLine($"error: {result.PatientId}: {problem}");
                    }
                }
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }

        if (results.Count == 0)
        {
            console.Error.WriteLine($"error: {source.FullName}: holds no OpenKBP patient folders (folders of .csv files)");
            return 1;
        }

        var failed = results.Count(r => !r.Succeeded);
        console.Out.WriteLine($"{results.Count - failed} of {results.Count} patients imported into {output.FullName}");
        return failed == 0 ? 0 : 1;
    }
}
