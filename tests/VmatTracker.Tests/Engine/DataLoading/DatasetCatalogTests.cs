using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>Every bad-input kind of the foundation issue, seen through the catalog: named, and never in the way of
/// the other cases.</summary>
public sealed class DatasetCatalogTests
{
    private static readonly Lazy<CaseVolume> s_phantom = new(() => PhantomGenerator.Generate("template", 7,
        new PhantomOptions { Shape = new VolumeShape(32, 32, 32), Spacing = new VoxelSpacing(8, 8, 8) }));

    [Theory]
    [InlineData("nan-ct", "'ct'", "1 NaN and 0 infinite values")]
    [InlineData("inf-dose", "'dose'", "0 NaN and 1 infinite values")]
    [InlineData("negative-dose", "'dose'", "1 negative values (min -0.25)")]
    [InlineData("overdose", "'dose'", "1 values above 1.5 (max 1.75); dose must be normalised to the prescription")]
    [InlineData("sdf-range", "'masks_sdf'", "1 values outside [-1, 1]")]
    [InlineData("mask-value", "'masks'", "holds the value 2; masks must be 0 or 1")]
    [InlineData("constraints-length", "'constraints'", "has 12 values; site prostate expects 13")]
    [InlineData("channels", "'masks_sdf'", "has 7 structure channels; site prostate expects 8 to 9")]
    [InlineData("unknown-site", "'metadata.site'", "'liver' is not a known site")]
    [InlineData("absent-but-present", "'metadata.absent_structures'", "lists Rectum, but its mask is not empty")]
    public void Scan_OneBadValue_ReportsFileKeyAndProblemAndKeepsTheValidCase(string scenario, string key, string problem)
    {
        // Arrange
        using var folder = new TempFolder();
        CaseFile.Write(folder.File("case_0001.npz"), Copy(s_phantom.Value));
        var bad = folder.File($"case_0002.npz");
        CaseFile.Write(bad, Break(Copy(s_phantom.Value), scenario));

        // Act
        var report = DatasetCatalog.Scan(folder.Path, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.False(report.IsValid);
        Assert.True(report.Cases[0].IsValid, string.Join("\n", report.Cases[0].Problems));
        var message = Assert.Single(report.Cases[1].Problems);
        Assert.StartsWith(bad + ": " + key + ": ", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_StructurallyBrokenFiles_EachNamedAndTheRestChecked()
    {
        // Arrange
        using var folder = new TempFolder();
        CaseFile.Write(folder.File("case_0001.npz"), Copy(s_phantom.Value));
        File.WriteAllText(folder.File("case_0002.npz"), "not a zip");
        var whole = File.ReadAllBytes(folder.File("case_0001.npz"));
        File.WriteAllBytes(folder.File("case_0003.npz"), whole[..(whole.Length / 2)]);
        CaseNpzBuilder.Valid().Remove("dose").WriteTo(folder.File("case_0004.npz"));
        CaseNpzBuilder.Valid().Set("metadata_json", VmatTracker.Engine.DataLoading.Numpy.NpyArray.StringScalar("{not json"))
            .WriteTo(folder.File("case_0005.npz"));
        CaseFile.Write(folder.File("case_0006.npz"), Copy(s_phantom.Value));

        // Act
        var report = DatasetCatalog.Scan(folder.Path, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(6, report.Cases.Count);
        Assert.True(report.Cases[0].IsValid);
        Assert.True(report.Cases[5].IsValid);
        Assert.Contains("not an npz (zip) archive", report.Cases[1].Problems[0], StringComparison.Ordinal);
        Assert.Contains("truncated", report.Cases[2].Problems[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("'dose'", report.Cases[3].Problems[0], StringComparison.Ordinal);
        Assert.Contains("metadata", report.Cases[4].Problems[0], StringComparison.Ordinal);
        for (var i = 1; i <= 4; i++)
        {
            Assert.StartsWith(report.Cases[i].FilePath, report.Cases[i].Problems[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Scan_EmptyFolder_IsAFolderProblem()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        var report = DatasetCatalog.Scan(folder.Path, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.False(report.IsValid);
        Assert.Contains("holds no .npz case files", Assert.Single(report.FolderProblems), StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_SameFilesTwice_SameFingerprint_ChangedByteChangesIt()
    {
        // Arrange
        using var folder = new TempFolder();
        CaseFile.Write(folder.File("case_0001.npz"), Copy(s_phantom.Value));
        CaseFile.Write(folder.File("case_0002.npz"), Copy(s_phantom.Value));

        // Act
        var first = DatasetCatalog.Scan(folder.Path, cancellationToken: TestContext.Current.CancellationToken).Fingerprint;
        var second = DatasetCatalog.Scan(folder.Path, cancellationToken: TestContext.Current.CancellationToken).Fingerprint;
        File.Move(folder.File("case_0002.npz"), folder.File("case_0003.npz"));
        var renamed = DatasetCatalog.Scan(folder.Path, cancellationToken: TestContext.Current.CancellationToken).Fingerprint;

        // Assert
        Assert.Equal(first, second);
        Assert.NotEqual(first, renamed);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void ListCaseFiles_MixedNames_SortedOrdinallyAndOnlyNpz()
    {
        // Arrange
        using var folder = new TempFolder();
        foreach (var name in new[] { "b.npz", "B.npz", "a.npz", "notes.txt", "c.npz.partial" })
        {
            File.WriteAllBytes(folder.File(name), []);
        }

        // Act
        var files = DatasetCatalog.ListCaseFiles(folder.Path).Select(Path.GetFileName);

        // Assert
        Assert.Equal(["B.npz", "a.npz", "b.npz"], files);
    }

    private static CaseVolume Copy(CaseVolume v) => new()
    {
        CaseId = v.CaseId,
        Shape = v.Shape,
        Ct = (float[])v.Ct.Clone(),
        Dose = (float[])v.Dose.Clone(),
        Masks = (byte[])v.Masks.Clone(),
        Sdf = (float[])v.Sdf.Clone(),
        ChannelCount = v.ChannelCount,
        Constraints = (float[])v.Constraints.Clone(),
        Metadata = CaseMetadata.FromValues((JsonObject)v.Metadata.Values.DeepClone(), "copy"),
    };

    private static CaseVolume Break(CaseVolume v, string scenario)
    {
        var n = v.Shape.VoxelCount;
        switch (scenario)
        {
            case "nan-ct":
                v.Ct[5] = float.NaN;
                return v;
            case "inf-dose":
                v.Dose[5] = float.PositiveInfinity;
                return v;
            case "negative-dose":
                v.Dose[5] = -0.25f;
                return v;
            case "overdose":
                v.Dose[5] = 1.75f;
                return v;
            case "sdf-range":
                v.Sdf[5] = 1.5f;
                return v;
            case "mask-value":
                v.Masks[5] = 2;
                return v;
            case "constraints-length":
                return With(v, constraints: v.Constraints[..12]);
            case "channels":
                return With(v, channels: 7);
            case "unknown-site":
                v.Metadata.Values["site"] = "liver";
                return With(v);
            case "absent-but-present":
                v.Metadata.Values["absent_structures"] = new JsonArray("Rectum");
                return With(v);
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, $"{n}");
        }
    }

    private static CaseVolume With(CaseVolume v, float[]? constraints = null, int? channels = null)
    {
        var c = channels ?? v.ChannelCount;
        var n = v.Shape.VoxelCount;
        return new CaseVolume
        {
            CaseId = v.CaseId,
            Shape = v.Shape,
            Ct = v.Ct,
            Dose = v.Dose,
            Masks = v.Masks[..(c * n)],
            Sdf = v.Sdf[..(c * n)],
            ChannelCount = c,
            Constraints = constraints ?? v.Constraints,
            Metadata = CaseMetadata.FromValues(v.Metadata.Values, "copy"),
        };
    }
}
