using System.CommandLine;
using VmatTracker.Cli.Commands;

namespace VmatTracker.Cli;

/// <summary>The <c>vmat</c> command tree. Output goes to the writers given, so tests run it in-process.</summary>
public static class VmatCommandLine
{
    /// <summary>Parses <paramref name="args"/>, runs the command, and returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("VmatTracker: train, evaluate and compare dose-prediction models (vmat).")
        {
            PhantomCommand.Create(console),
            DataCommands.Create(console),
            RunsCommands.Create(console),
            ImportCommand.Create(console),
            ExportCommand.Create(console),
            GammaCommand.Create(console),
            EvaluateCommand.Create(console),
            OpenKbpCommands.Create(console),
            ReportCommand.Create(console),
            TrainCommand.Create(console),
            PredictCommand.Create(console),
            ExperimentCommand.Create(console),
        };

        var parsed = root.Parse(CliOptions.NormaliseSpellings(args));
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
