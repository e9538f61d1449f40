using VmatTracker.Build;

namespace VmatTracker.Tests.Engine;

/// <summary>The ELF patch that lets TorchSharp's shim load on Debian 12 (build/LibTorchSharpLoaderFix.cs).</summary>
public sealed class LoaderFixTests
{
    private static string ShimInOutput =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void ShimInOutput_OnLinuxWithoutGlibcxx3432_NeedIsWeak()
    {
        // Arrange
        if (!OperatingSystem.IsLinux() || !ElfVersionNeedWeakener.SystemLacksVersion(ElfVersionNeedWeakener.SafeToWeaken))
        {
            Assert.Skip("The loader fix only applies on Linux systems whose libstdc++ lacks GLIBCXX_3.4.32.");
        }

        // Act
        var needs = ElfVersionNeedWeakener.ReadVersionNeeds(File.ReadAllBytes(ShimInOutput));

        // Assert: the build patched the copy in bin; the weak flag is what lets ld.so load it
        Assert.True(needs[ElfVersionNeedWeakener.SafeToWeaken]);
        Assert.False(needs["GLIBCXX_3.4"]);
    }

    [Fact]
    public void Patch_OriginalShimFromPackage_WeakensOnlyTheMissingVersionAndIsIdempotent()
    {
        // Arrange: the unpatched shim as NuGet ships it
        var original = FindPackageShim();
        if (original is null)
        {
            Assert.Skip("No TorchSharp linux-x64 package shim in the NuGet cache (not a Linux restore).");
        }

        var bytes = File.ReadAllBytes(original);
        var before = ElfVersionNeedWeakener.ReadVersionNeeds(bytes);

        // Act
        var first = ElfVersionNeedWeakener.Patch(bytes, ElfVersionNeedWeakener.SafeToWeaken);
        var afterFirst = (byte[])bytes.Clone();
        var second = ElfVersionNeedWeakener.Patch(bytes, ElfVersionNeedWeakener.SafeToWeaken);
        var after = ElfVersionNeedWeakener.ReadVersionNeeds(bytes);

        // Assert
        Assert.False(before[ElfVersionNeedWeakener.SafeToWeaken]);
        Assert.Equal(LoaderFixOutcome.Patched, first);
        Assert.Equal(LoaderFixOutcome.AlreadyPatched, second);
        Assert.Equal(afterFirst, bytes);
        Assert.True(after[ElfVersionNeedWeakener.SafeToWeaken]);
        Assert.All(after.Where(n => n.Key != ElfVersionNeedWeakener.SafeToWeaken), n => Assert.Equal(before[n.Key], n.Value));
        Assert.True(CountDifferences(File.ReadAllBytes(original), bytes) <= 8);
    }

    [Fact]
    public void Patch_NotAnElfFile_ChangesNothing()
    {
        // Arrange
        var bytes = System.Text.Encoding.ASCII.GetBytes(new string('x', 200));

        // Act
        var outcome = ElfVersionNeedWeakener.Patch(bytes, ElfVersionNeedWeakener.SafeToWeaken);

        // Assert
        Assert.Equal(LoaderFixOutcome.NotNeeded, outcome);
        Assert.All(bytes, b => Assert.Equal((byte)'x', b));
    }

    private static int CountDifferences(byte[] a, byte[] b) => a.Zip(b).Count(pair => pair.First != pair.Second);

    private static string? FindPackageShim()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native");
        var path = Path.Combine(folder, "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }
}
