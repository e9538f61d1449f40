using System.Diagnostics;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.DataLoading.Hostile;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Cli;

/// <summary><c>vmat data validate</c> and <c>vmat train</c> over folders holding hostile or invalid case files.</summary>
[Collection(TorchCollection.Name)]
public sealed class HostileDataCommandTests
{
    [Fact]
    public async Task Validate_FolderWithHostileFiles_NamesEachBadFileAndChecksTheRest()
    {
        // Arrange: one real phantom beside the oversized case, the pickle bomb, the huge dtype and (on POSIX) a FIFO.
        using var folder = new TempFolder();
        HostileCases.Phantom(folder.Path);
        List<string> hostile =
        [
            HostileCases.Oversized(folder.File("case_0666.npz")),
            HostileCases.HugeUnicodeDtype(folder.File("case_0667.npz")),
            HostileCases.PickleBomb(folder.File("case_0668.npz")),
        ];
        if (!OperatingSystem.IsWindows())
        {
            hostile.Add(HostileCases.Fifo(folder.File("case_0669.npz")));
        }

        // Act
        var (exitCode, output, error) = await Task.Run(() => CliRunner.Run("data", "validate", folder.Path), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Assert: exit 1, a table row for every file, one error line per hostile file naming it.
        Assert.Equal(1, exitCode);
        Assert.Contains($"{hostile.Count + 1} cases, 1 valid, {hostile.Count} invalid", output, StringComparison.Ordinal);
        foreach (var file in hostile)
        {
            Assert.Single(error.Split('\n'), line => line.StartsWith($"error: {file}: ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Train_FolderWithAnInvalidCase_ExitsOneNamingItAndTheSkipFlag()
    {
        // Arrange
        using var folder = new TempFolder();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            File.Move(HostileCases.Phantom(folder.File($"seed{seed}"), seed), folder.File($"case_000{seed}.npz"));
        }

        var corrupt = folder.File("case_0009.npz");
        File.WriteAllText(corrupt, "this is not a zip archive");

        // Act
        var (exitCode, _, error) = CliRunner.Run("train", "--data_dir", folder.Path, "--log_dir", folder.File("runs"), "--epochs", "1",
            "--patch_size", "16", "--device", "cpu", "--no-record");

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains($"error: --data_dir: 1 of 4 cases in '{folder.Path}' are invalid", error, StringComparison.Ordinal);
        Assert.Contains(corrupt, error, StringComparison.Ordinal);
        Assert.Contains("--skip-invalid", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("runs")));
    }

    [Theory]
    [InlineData("1", 1, "over the case limit of 1 MiB")]
    [InlineData("lots", 1, "VMAT_CASE_LIMIT_MIB: 'lots' is not a whole number of MiB of at least 1")]
    [InlineData("", 0, "1 cases, 1 valid, 0 invalid")]
    public async Task Validate_CaseLimitFromTheEnvironment_RefusesACaseOverItOrNamesABadValue(string limit, int expectedExit, string expected)
    {
        // Arrange: a 32³ phantom with 8 channels needs 1.5 MiB decompressed; the built vmat in its own process, since
        // the variable is read once per process.
        using var folder = new TempFolder();
        HostileCases.Phantom(folder.Path, size: 32);
        var vmat = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "VmatTracker.Cli", "debug", "vmat.dll"));
        Assert.True(File.Exists(vmat), $"{vmat} is missing: build src/VmatTracker.Cli first");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { vmat, "data", "validate", folder.Path })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[CaseLimits.EnvironmentVariable] = limit;

        // Act
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(expectedExit, process.ExitCode);
        Assert.Contains(expected, await output + await error, StringComparison.Ordinal);
    }
}
