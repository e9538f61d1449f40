using VmatTracker.Engine.DataLoading;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading.Hostile;

/// <summary>Entries of a data folder that are not plain case files: FIFOs, devices, link loops, links out of the folder.</summary>
public sealed class SpecialFileTests
{
    private static readonly TimeSpan s_scanTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Scan_FolderWithFifoDeviceLinkLoopAndEscapingLink_ReportsEachByNameAndReadsTheRest()
    {
        // Arrange: one real case, a link to it inside the folder, and four entries no case reader may open.
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs and /dev/zero are POSIX");
        using var root = new TempFolder("vmat-data");
        using var elsewhere = new TempFolder("vmat-elsewhere");
        HostileCases.Phantom(root.Path);
        HostileCases.SymlinkTo(root.File("case_0002.npz"), "case_0001.npz");
        var fifo = HostileCases.Fifo(root.File("case_0003.npz"));
        var zero = HostileCases.SymlinkTo(root.File("case_0004.npz"), "/dev/zero");
        var loop = HostileCases.SymlinkTo(root.File("case_0005.npz"), root.File("case_0005.npz"));
        var escaping = HostileCases.SymlinkTo(root.File("case_0006.npz"), HostileCases.Phantom(elsewhere.Path));

        // Act: the scan must end (a FIFO or /dev/zero read would block or run forever).
        var report = await Task.Run(() => DatasetCatalog.Scan(root.Path), TestContext.Current.CancellationToken)
            .WaitAsync(s_scanTimeout, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["case_0001", "case_0002", "case_0003", "case_0004", "case_0005", "case_0006"], report.CaseIds);
        Assert.True(report.Cases[0].IsValid, string.Join("; ", report.Cases[0].Problems));
        Assert.True(report.Cases[1].IsValid, string.Join("; ", report.Cases[1].Problems));
        Assert.StartsWith($"{fifo}: not a regular file", Assert.Single(report.Cases[2].Problems), StringComparison.Ordinal);
        Assert.StartsWith($"{zero}: ", Assert.Single(report.Cases[3].Problems), StringComparison.Ordinal);
        Assert.Contains("outside the data folder", report.Cases[3].Problems[0], StringComparison.Ordinal);
        Assert.StartsWith($"{loop}: ", Assert.Single(report.Cases[4].Problems), StringComparison.Ordinal);
        Assert.Contains("loop", report.Cases[4].Problems[0], StringComparison.Ordinal);
        Assert.StartsWith($"{escaping}: ", Assert.Single(report.Cases[5].Problems), StringComparison.Ordinal);
        Assert.Contains("outside the data folder", report.Cases[5].Problems[0], StringComparison.Ordinal);
    }
}
