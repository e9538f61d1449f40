using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Engine.Models;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.Training;

namespace VmatTracker.Tests.Cli;

/// <summary>A signal to a real <c>vmat train</c> process ends its recorded run Cancelled, with a consistent last.dat.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainSignalTests
{
    [Theory]
    [InlineData("INT", "SIGINT", 130)]
    [InlineData("TERM", "SIGTERM", 143)]
    public async Task Train_SignalMidRun_RecordsCancelledAndLeavesALoadableLastCheckpoint(string signal, string name, int exitCode)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "POSIX signals only");
        var ct = TestContext.Current.CancellationToken;

        // Arrange: a long run (many epochs) of the built vmat on tiny phantoms, in its own process
        using var run = new TinyTrainingRun(cases: 4);
        var parent = Path.GetDirectoryName(run.DataDir)!;
        var db = Path.Combine(parent, "tracker.db");
        var vmat = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "VmatTracker.Cli", "debug", "vmat.dll"));
        Assert.True(File.Exists(vmat), $"{vmat} is missing: build src/VmatTracker.Cli first");
        using var process = Start(vmat, "train", "--exp_name", "interrupted", "--data_dir", run.DataDir, "--log_dir", Path.Combine(parent, "runs"),
            "--epochs", "500", "--patience", "500", "--batch_size", "2", "--patch_size", "32", "--base_channels", "8", "--patches_per_volume", "2",
            "--num_workers", "1", "--device", "cpu", "--db", db);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var contexts = TrackerStore.CreateFactory(new TrackerStoreOptions { DatabasePath = db });

        try
        {
            // Act: once the store shows the run Running with a finished epoch (so last.dat exists), signal it
            var runId = await WaitForRunningEpochAsync(contexts, db, process, ct);
            Assert.True(runId > 0, $"the run never recorded an epoch; stderr:\n{(process.HasExited ? await stderr : "(still running)")}");
            Assert.Equal(0, Kill(process.Id, signal));
            try
            {
                await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(3), ct);
            }
            catch (TimeoutException)
            {
                // Say what the process was doing when it did not stop: its own output up to the kill.
                process.Kill(entireProcessTree: true);
                Assert.Fail($"vmat did not exit within 3 min of {name}; stderr:\n{await stderr}\nstdout:\n{await stdout}");
            }

            // Assert: the process chose to stop (its exit code for the signal), and recorded why
            var error = await stderr;
            Assert.True(process.ExitCode == exitCode, $"exit code {process.ExitCode}; stderr:\n{error}\nstdout:\n{await stdout}");
            Assert.Contains($"{name} received: stopping", error, StringComparison.Ordinal);
            await using var context = await contexts.CreateDbContextAsync(ct);
            var recorded = await context.Runs.SingleAsync(r => r.Id == runId, ct);
            Assert.Equal(RunStatus.Cancelled, recorded.Status);
            Assert.Equal($"interrupted by {name}", recorded.FailureMessage);
            Assert.NotNull(recorded.EndedAt);
            var log = await File.ReadAllTextAsync(Path.Combine(parent, "runs", "interrupted", "train.log"), ct);
            Assert.Contains($"interrupted by {name}", log, StringComparison.Ordinal);
            using var model = new BaselineUNet3D(9, baseChannels: 8);
            model.load(Path.Combine(parent, "runs", "interrupted", "checkpoints", "last.dat"));
            Assert.Contains("\"status\": \"cancelled\"", await File.ReadAllTextAsync(Path.Combine(parent, "runs", "interrupted", "training_summary.json"), ct),
                StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static Process Start(string vmat, params string[] args)
    {
        // Through `env --default-signal`, which execs dotnet in its place (same process ID) with SIGINT and SIGTERM at
        // their default handling. A process started with a signal ignored keeps ignoring it, as POSIX programs do and
        // .NET does; and a test host launched from a script's background job (`cmd &`, nohup) ignores SIGINT, which
        // the child would inherit, so the SIGINT case would wait in vain (seen: it trained on for 3 min).
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(vmat);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // One thread: the machine is shared, and the test only needs a few batches.
        start.Environment["OMP_NUM_THREADS"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("cannot start env dotnet");
    }

    private static async Task<long> WaitForRunningEpochAsync(IDbContextFactory<TrackerDbContext> contexts, string db, Process process,
        CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            await Task.Delay(250, ct);
            if (!File.Exists(db))
            {
                continue;
            }

            long running;
            try
            {
                await using var context = await contexts.CreateDbContextAsync(ct);
                running = await context.Runs.Where(r => r.Status == RunStatus.Running)
                    .Where(r => context.MetricPoints.Any(p => p.RunId == r.Id && p.Key == "val/mae_gy"))
                    .Select(r => r.Id).FirstOrDefaultAsync(ct);
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // The child is still creating the store's tables.
                continue;
            }

            if (running > 0)
            {
                return running;
            }
        }

        return 0;
    }

    // The kill command, as a user would send the signal (P/Invoke would need unsafe code in the test project).
    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
