using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.Training;
using VmatTracker.Tests.Web;

namespace VmatTracker.Tests.Cli;

/// <summary><c>vmat train --tracker URL</c> against the real server on Kestrel: the run is recorded in the server's store.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainTrackerTests
{
    [Fact]
    public async Task Train_Tracker_RunRecordedCompletedInTheServersStoreWithItsMetrics()
    {
        // Arrange: tiny phantoms (base 16, patch 32, one epoch) and a server with its own database
        using var run = new TinyTrainingRun(cases: 3);
        await using var factory = new VmatAppFactory();
        var address = factory.Address.ToString();

        // Act
        var train = CliRunner.Run("train", "--exp_name", "remote_tiny", "--data_dir", run.DataDir, "--log_dir",
            Path.Combine(run.DataDir, "..", "runs"), "--epochs", "1", "--batch_size", "1", "--patch_size", "32", "--base_channels", "16",
            "--patches_per_volume", "1", "--num_workers", "0", "--device", "cpu", "--experiment", "terminal", "--tracker", address);

        // Assert
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains($"recording as run {IdOf(train.Output)} on {address}", train.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", train.Error, StringComparison.Ordinal);
        var runId = IdOf(train.Output);
        var detail = (await factory.Services.GetRequiredService<RunQueries>().GetAsync(runId, TestContext.Current.CancellationToken))!;
        Assert.Equal((RunStatus.Completed, "terminal", "remote_tiny"), (detail.Summary.Status, detail.Summary.Experiment, detail.Summary.Name));
        Assert.Equal(1, detail.Summary.Metrics["val/mae_gy"].Count);
        Assert.True(detail.Summary.Metrics.ContainsKey("train/loss_epoch"));
        Assert.NotNull(detail.Dataset?.Fingerprint);
        Assert.NotEmpty(detail.Checkpoints);
        Assert.Single(detail.Evaluations);
        Assert.Contains(detail.Artifacts, a => a.Kind == "metrics");
        Assert.Equal(16L, detail.Summary.Params["base_channels"]);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Train_TrackerNotListening_ErrorNamingTheAddressAndNothingTrained()
    {
        // Arrange: a port nobody listens on
        using var run = new TinyTrainingRun(cases: 3);
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var logDir = Path.Combine(run.DataDir, "..", "runs");

        // Act
        var train = CliRunner.Run("train", "--exp_name", "nowhere", "--data_dir", run.DataDir, "--log_dir", logDir, "--epochs", "1",
            "--patch_size", "32", "--base_channels", "16", "--device", "cpu", "--tracker", $"http://127.0.0.1:{port}");

        // Assert
        Assert.Equal(1, train.ExitCode);
        Assert.Contains($"error: --tracker: cannot record the run: The tracker at http://127.0.0.1:{port}/ did not answer", train.Error,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(logDir, "nowhere")));
    }

    [Theory]
    [InlineData("localhost:5185", "is not an http:// or https:// address")]
    [InlineData("ftp://host/", "is not an http:// or https:// address")]
    public void Train_TrackerNotAnHttpAddress_ExitsTwoNamingTheFlag(string tracker, string expected)
    {
        // Arrange
        using var run = new TinyTrainingRun(cases: 3);

        // Act
        var train = CliRunner.Run("train", "--data_dir", run.DataDir, "--tracker", tracker);

        // Assert
        Assert.Equal(2, train.ExitCode);
        Assert.Contains($"--tracker: '{tracker}' {expected}", train.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_TrackerWithDb_RefusedAsAmbiguous()
    {
        // Act
        var train = CliRunner.Run("train", "--data_dir", "/nonexistent", "--tracker", "http://127.0.0.1:1", "--db", "/tmp/x.db");

        // Assert
        Assert.Equal(2, train.ExitCode);
        Assert.Contains("--tracker: records on the server; it cannot be combined with --db", train.Error, StringComparison.Ordinal);
    }

    private static long IdOf(string output)
    {
        var idLine = output.Split('\n').Single(l => l.StartsWith("run ID: ", StringComparison.Ordinal));
        return long.Parse(idLine["run ID: ".Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
