using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Access;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Configuration;
using VmatTracker.Tests.Data;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Runs;

/// <summary>
/// Deleting a run removes its folder only inside the runs root (links resolved): an ingest client can record a
/// run-folder artifact with any path, and deleting that run once removed that path recursively.
/// </summary>
public sealed class RunRemovalTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_FolderInsideRunsRoot_Removed()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var root = store.Folder.File("runs");
        var folder = Directory.CreateDirectory(Path.Combine(root, "exp", "version_0")).FullName;
        var id = await RunWithFolderAsync(store, folder);

        // Act
        var deletion = await Removal(store, root).DeleteAsync(Actor.LocalUser, id, Token);

        // Assert
        Assert.True(deletion.FolderDeleted, deletion.FolderProblem);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Delete_FolderOutsideRunsRoot_RowsGoneFolderKeptAndSaidWhy()
    {
        // Arrange: the folder an outside client named is a sibling of the runs root.
        using var store = await TestStore.CreateAsync();
        var root = Directory.CreateDirectory(store.Folder.File("runs")).FullName;
        var precious = Directory.CreateDirectory(store.Folder.File("precious")).FullName;
        await File.WriteAllTextAsync(Path.Combine(precious, "plan.dcm"), "keep", Token);
        var id = await RunWithFolderAsync(store, precious);

        // Act
        var deletion = await Removal(store, root).DeleteAsync(Actor.LocalUser, id, Token);

        // Assert
        Assert.False(deletion.FolderDeleted);
        Assert.Contains("outside the runs folder", deletion.FolderProblem, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(precious, "plan.dcm")));
        await Assert.ThrowsAsync<UnknownRunException>(() => store.Recorder.DeleteAsync(id, Token));
    }

    [Fact]
    public async Task Delete_LinkInsideRunsRootToOutside_TargetKept()
    {
        // Arrange: runs/escape -> ../precious; the recorded folder looks inside the root.
        using var store = await TestStore.CreateAsync();
        var root = Directory.CreateDirectory(store.Folder.File("runs")).FullName;
        var precious = Directory.CreateDirectory(store.Folder.File("precious")).FullName;
        await File.WriteAllTextAsync(Path.Combine(precious, "plan.dcm"), "keep", Token);
        var link = Path.Combine(root, "escape");
        Directory.CreateSymbolicLink(link, precious);
        var id = await RunWithFolderAsync(store, link);

        // Act
        var deletion = await Removal(store, root).DeleteAsync(Actor.LocalUser, id, Token);

        // Assert
        Assert.False(deletion.FolderDeleted);
        Assert.True(File.Exists(Path.Combine(precious, "plan.dcm")));
    }

    [Fact]
    public void ResolvedPath_LinkLoop_NamedNotHung()
    {
        // Arrange
        using var folder = new TempFolder("vmat-links");
        File.CreateSymbolicLink(folder.File("a"), folder.File("b"));
        File.CreateSymbolicLink(folder.File("b"), folder.File("a"));

        // Act
        var error = Assert.Throws<IOException>(() => ResolvedPath.Of(folder.File("a")));

        // Assert
        Assert.Contains("too many symbolic links", error.Message, StringComparison.Ordinal);
    }

    private static RunRemoval Removal(TestStore store, string root) =>
        new(store.Recorder, Options.Create(new VmatTrackerOptions { RunsFolder = root }), NullLogger<RunRemoval>.Instance);

    private static async Task<long> RunWithFolderAsync(TestStore store, string folder)
    {
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r", Status = RunStatus.Completed }, Token);
        await store.Recorder.AddArtifactAsync(id, new ArtifactInfo(folder, RunRecorder.RunFolderArtifactKind), Token);
        return id;
    }
}
