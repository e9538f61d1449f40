using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Geometry;
using VmatTracker.Engine.OpenKbp;
using VmatTracker.Engine.Sites;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.OpenKbp;

/// <summary>One real sample patient (pt_1) imported once and read back from its NPZ file.</summary>
public sealed class ImportedSamplePatient : IDisposable
{
    private readonly TempFolder _temp = new("openkbp-import");
    private readonly Lazy<(OpenKbpImportResult Result, CaseVolume Case, OpenKbpPatient Source)> _imported;

    public ImportedSamplePatient() => _imported = new(() =>
    {
        var folder = OpenKbpSample.Patient("pt_1");
        var result = OpenKbpImporter.ImportPatient(folder, _temp.Path);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return (result, CaseFile.Read(result.OutputFile!), OpenKbpPatient.Load(folder, withCt: true));
    });

    public OpenKbpImportResult Result => _imported.Value.Result;

    public CaseVolume Case => _imported.Value.Case;

    public OpenKbpPatient Source => _imported.Value.Source;

    public void Dispose() => _temp.Dispose();
}

public sealed class OpenKbpImporterTests(ImportedSamplePatient imported) : IClassFixture<ImportedSamplePatient>
{
    private static TreatmentSite Site => SiteCatalog.Get("head_and_neck");

    [Fact]
    public void Import_SamplePatient_IsAValidHeadAndNeckCase()
    {
        // Act
        var volume = imported.Case;
        var (problems, warnings, absent) = CaseValidator.Validate(volume, imported.Result.OutputFile!);

        // Assert: pt_1 has no Esophagus or Larynx file
        Assert.Empty(problems);
        Assert.Empty(warnings);
        Assert.Equal(["Esophagus", "Larynx"], absent);
        Assert.Equal(["Esophagus", "Larynx"], volume.Metadata.AbsentStructures);
        Assert.Equal("head_and_neck", volume.Metadata.Site);
        Assert.Equal(Site.Channels.Select(c => c.Name), volume.Metadata.StructureChannels!);
        Assert.Equal(new VoxelSpacing(3.906, 3.906, 2.5), volume.Spacing);
        Assert.Equal(new VolumeShape(128, 128, 128), volume.Shape);
    }

    [Fact]
    public void Import_SamplePatient_SpinalCordPosteriorAndInferior_MandibleAnteriorAndSuperior_RightParotidOnTheRight()
    {
        // Arrange
        var volume = imported.Case;
        var cord = Centroid(volume, "SpinalCord");
        var mandible = Centroid(volume, "Mandible");
        var brainstem = Centroid(volume, "Brainstem");
        var right = Centroid(volume, "RightParotid");
        var left = Centroid(volume, "LeftParotid");

        // Assert: Y runs anterior to posterior, X patient right to left, Z towards the head (docs/data-contract.md)
        Assert.True(cord.Y > mandible.Y + 10, $"cord Y {cord.Y} should be posterior of mandible Y {mandible.Y}");
        Assert.True(mandible.Z > cord.Z, $"mandible Z {mandible.Z} should be superior of the cord's centroid Z {cord.Z}");
        Assert.True(brainstem.Z > mandible.Z, $"brainstem Z {brainstem.Z} should be superior of the mandible Z {mandible.Z}");
        Assert.True(right.X < left.X - 10, $"right parotid X {right.X} should be on the patient's right of the left one {left.X}");
    }

    [Fact]
    public void Load_SamplePatientWithLarynxAndEsophagus_BothLieBelowTheMandible()
    {
        // Arrange: pt_22 has every organ at risk; reading it does not need the SDFs
        var patient = OpenKbpPatient.Load(OpenKbpSample.Patient("pt_22"), withCt: false);
        var shape = OpenKbpFormat.Shape;
        double MeanZ(string name)
        {
            var mask = patient.Structures[name];
            return Enumerable.Range(0, mask.Length).Where(i => mask[i] != 0).Average(i => i % shape.Z);
        }

        // Assert
        Assert.True(MeanZ("Mandible") > MeanZ("Larynx"));
        Assert.True(MeanZ("Larynx") > MeanZ("Esophagus"));
        Assert.True(MeanZ("Brainstem") > MeanZ("Mandible"));
    }

    [Fact]
    public void Import_SamplePatient_DoseIsGyOver70_CtIsNormalisedHu_PossibleDoseMaskKept()
    {
        // Arrange
        var volume = imported.Case;
        var source = imported.Source;
        var mask = OpenKbpSubmission.ReadPossibleDoseMask(imported.Result.OutputFile!)!;
        var hottest = Array.IndexOf(source.DoseGy, source.DoseGy.Max());

        // Assert
        Assert.Equal(source.DoseGy[hottest] / 70, volume.Dose[hottest], 1e-6);
        Assert.Equal(source.PossibleDoseMask, mask);
        Assert.Empty(source.DoseGy.Where((d, i) => mask[i] == 0 && d != 0));
        Assert.Equal(0.25f, volume.Ct[0]); // corner voxel: air, omitted in ct.csv
        var tissue = Array.FindIndex(source.CtStored!, v => v > 1100 && v < 1200);
        Assert.Equal(((source.CtStored![tissue] - 1024) / 4000) + 0.5, volume.Ct[tissue], 1e-6);
    }

    [Theory]
    [InlineData(0.0, 0.25f)]
    [InlineData(24.0, 0.25f)]
    [InlineData(1024.0, 0.5f)]
    [InlineData(2024.0, 0.75f)]
    [InlineData(3024.0, 1.0f)]
    [InlineData(4095.0, 1.25f)]
    [InlineData(9000.0, 1.25f)]
    public void NormaliseCt_StoredValue_ClipsToHuThenTheContractScale(double stored, float expected) =>
        Assert.Equal(expected, OpenKbpImporter.NormaliseCt(stored), 1e-6);

    [Fact]
    public void Import_SamplePatient_SdfIsTheExactTransform_AbsentIsPlusOne()
    {
        // Arrange
        var volume = imported.Case;
        var cord = Site.IndexOf("SpinalCord");
        var larynx = Site.IndexOf("Larynx");

        // Assert: the import transforms a box around each structure; it must equal the whole-volume transform
        foreach (var channel in new[] { cord, Site.IndexOf("PTV70"), Site.IndexOf("Mandible") })
        {
            var expected = SignedDistance.ComputeNormalized(volume.MaskChannel(channel), volume.Shape, volume.Spacing);
            Assert.True(expected.AsSpan().SequenceEqual(volume.SdfChannel(channel)), $"channel {Site.Channels[channel].Name}");
        }

        Assert.True(volume.SdfChannel(cord).IndexOf(SignedDistance.Normalize(-3.906)) >= 0, "an in-plane boundary voxel is one 3.906 mm step from outside");
        Assert.True(volume.SdfChannel(cord).IndexOf(SignedDistance.Normalize(-2.5)) >= 0, "an end slice is one 2.5 mm step from outside");
        Assert.False(volume.SdfChannel(larynx).ContainsAnyExcept(1f));
    }

    [Fact]
    public void Import_SamplePatient_ConstraintsFollowTheSite()
    {
        // Arrange: pt_1 has PTV70, PTV63 and PTV56
        var present = new HashSet<string>(Site.Channels.Select(c => c.Name).Except(["Esophagus", "Larynx"]));

        // Assert
        Assert.Equal(Site.BuildConstraints(present), imported.Case.Constraints);
        Assert.Equal([1f, 0.9f, 0.8f], imported.Case.Constraints[..3]);
        Assert.Equal(45f / 70, imported.Case.Constraints[Site.Constraints.ToList().FindIndex(c => c.Name == "spinal_cord_dmax")], 1e-6);
    }

    private static (double Y, double X, double Z) Centroid(CaseVolume volume, string structure)
    {
        var mask = volume.MaskChannel(Site.IndexOf(structure));
        double y = 0, x = 0, z = 0;
        var n = 0;
        var shape = volume.Shape;
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                y += i / (shape.X * shape.Z);
                x += i / shape.Z % shape.X;
                z += i % shape.Z;
                n++;
            }
        }

        Assert.True(n > 0, $"{structure} is empty");
        return (y / n, x / n, z / n);
    }
}
