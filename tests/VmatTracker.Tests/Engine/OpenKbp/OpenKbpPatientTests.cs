using VmatTracker.Engine.OpenKbp;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.OpenKbp;

/// <summary>Reading OpenKBP patient folders: the index mapping and every kind of bad input, named by file.</summary>
public sealed class OpenKbpPatientTests
{
    public static TheoryData<string, string, string> BadFiles => new()
    {
        // file, content (null-like "<delete>" removes it), expected words in the problem
        { "dose.csv", "<delete>", "dose.csv: missing" },
        { "ct.csv", "", "ct.csv: is empty" },
        { "voxel_dimensions.csv", "<delete>", "voxel_dimensions.csv: missing" },
        { "voxel_dimensions.csv", "4\n4\n", "holds 2 values, expected three" },
        { "voxel_dimensions.csv", "4\n-4\n2.5\n", "value 2 is '-4', not a positive number of mm" },
        { "dose.csv", ",data\n2097152,5.0\n", "line 2: the index 2097152 is outside 0..2097151" },
        { "dose.csv", ",data\n-1,5.0\n", "line 2: the index -1 is outside 0..2097151" },
        { "PTV70.csv", ",data\n17,\n99,\n17,\n", "line 4: index 17 appears twice (first on line 2)" },
        { "dose.csv", ",data\n17,1.5\n18,abc\n", "line 3: the value 'abc' of index 18 is neither empty nor a finite number" },
        { "dose.csv", ",data\n17,nan\n", "the value 'nan' of index 17 is neither empty nor a finite number" },
        { "dose.csv", ",data\n17,\n", "line 2: index 17 has no value" },
        { "ct.csv", ",data\n1.5,3\n", "line 2: the index '1.5' is not a whole number" },
        { "possible_dose_mask.csv", "index,dose\n5,\n", "line 1: the header is 'index,dose', expected ',data'" },
        { "SpinalCord.csv", ",data\n", "SpinalCord.csv: holds only the header, no voxels" },
        { "dose.csv", ",data\n17,-2\n", "dose.csv: holds negative dose (-2 Gy)" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Load_BadFile_NamesPatientFileAndProblem(string file, string content, string expected)
    {
        // Arrange
        using var temp = new TempFolder("openkbp");
        var folder = OpenKbpSample.WriteSyntheticPatient(temp.Path, "pt_7");
        var path = Path.Combine(folder, file);
        if (content == "<delete>")
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllText(path, content);
        }

        // Act
        var error = Assert.Throws<OpenKbpPatientException>(() => OpenKbpPatient.Load(folder, withCt: true));

        // Assert: one problem, naming the file in the patient's folder
        Assert.Equal("pt_7", error.PatientId);
        var problem = Assert.Single(error.Problems);
        Assert.Contains(Path.Combine(folder, file), problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralBadFiles_ReportsEveryOne()
    {
        // Arrange
        using var temp = new TempFolder("openkbp");
        var folder = OpenKbpSample.WriteSyntheticPatient(temp.Path, "pt_8");
        File.Delete(Path.Combine(folder, "voxel_dimensions.csv"));
        File.WriteAllText(Path.Combine(folder, "dose.csv"), ",data\n1,x\n");

        // Act
        var error = Assert.Throws<OpenKbpPatientException>(() => OpenKbpPatient.Load(folder, withCt: false));

        // Assert
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("voxel_dimensions.csv: missing", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("dose.csv: line 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SyntheticPatient_PlacesVoxelsByTheAxisMapping()
    {
        // Arrange
        using var temp = new TempFolder("openkbp");
        var folder = OpenKbpSample.WriteSyntheticPatient(temp.Path, "pt_9");

        // Act
        var patient = OpenKbpPatient.Load(folder, withCt: true);

        // Assert: OpenKBP (x, y, z) = (80, 64, 50) lands at contract (Y, X, Z) = (80, 64, 127 - 50)
        var shape = OpenKbpFormat.Shape;
        Assert.Equal(20.0, patient.DoseGy[shape.IndexOf(80, 64, 77)]);
        Assert.Equal(0.0, patient.DoseGy[shape.IndexOf(80, 64, 50)]);
        Assert.Equal(1, patient.Structures["SpinalCord"][shape.IndexOf(80, 64, 77)]);
        Assert.Equal(["PTV70", "SpinalCord"], patient.Structures.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(40.0, patient.VoxelVolumeMm3, 12);
        Assert.Equal(1064.0, patient.CtStored![shape.IndexOf(60, 60, 127 - 60)]);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 0, 127)]
    [InlineData(1, 2, 3, 1, 2, 124)]
    [InlineData(127, 127, 127, 127, 127, 0)]
    public void ToContractIndex_FlipsOnlyZ_AndIsItsOwnInverse(int x, int y, int z, int cy, int cx, int cz)
    {
        // Arrange
        var openKbp = OpenKbpSample.Index(x, y, z);

        // Act
        var contract = OpenKbpFormat.ToContractIndex(openKbp);

        // Assert
        Assert.Equal(OpenKbpFormat.Shape.IndexOf(cy, cx, cz), contract);
        Assert.Equal(openKbp, OpenKbpFormat.ToOpenKbpIndex(contract));
    }
}
