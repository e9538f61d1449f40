using System.Text;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>Every structural problem fails with a message naming the file, the key and the problem.</summary>
public sealed class CaseFileErrorTests
{
    [Theory]
    [InlineData("missing key", "'dose'", "missing (the file holds: ct, masks, masks_sdf, constraints, metadata_json)")]
    [InlineData("ct int64", "'ct'", "has dtype int64, expected float32 or float64")]
    [InlineData("masks float32", "'masks'", "has dtype float32, expected uint8 or bool")]
    [InlineData("ct 2-d", "'ct'", "has shape (6, 4), expected 3 axes (Y, X, Z)")]
    [InlineData("dose shape", "'dose'", "has shape (2, 3, 5), but 'ct' has (2, 3, 4); they must match")]
    [InlineData("masks 3-d", "'masks'", "has shape (2, 3, 4), expected 4 axes (C, Y, X, Z)")]
    [InlineData("masks yxz", "'masks'", "has shape (2, 3, 3, 4): its (Y, X, Z) differ from 'ct' (2, 3, 4)")]
    [InlineData("sdf yxz", "'masks_sdf'", "has shape (2, 2, 3, 5): its (Y, X, Z) differ from 'ct' (2, 3, 4)")]
    [InlineData("sdf channels", "'masks_sdf'", "has 3 channels, but 'masks' has 2; they must match")]
    [InlineData("constraints 2-d", "'constraints'", "has shape (13, 1), expected 1 axis (N,)")]
    [InlineData("bad magic", "'ct'", "bad magic: not a .npy array")]
    [InlineData("unsupported dtype", "'ct'", "unsupported dtype '<c8'")]
    [InlineData("member short", "'ct'", "truncated: shape (2, 3, 4) of float32 needs 96 data bytes, the member holds 10")]
    [InlineData("member long", "'dose'", "size mismatch: the member holds 100 data bytes, shape (2, 3, 4) of float32 needs 96")]
    [InlineData("bad json", "'metadata_json'", "is not valid JSON")]
    [InlineData("json list", "'metadata_json'", "holds a list, not a dict of metadata")]
    [InlineData("json float", "'metadata_json'", "has dtype float64 and shape (), expected one numpy string")]
    [InlineData("no metadata", "'metadata'", "missing: the file has neither 'metadata_json' nor 'metadata'")]
    [InlineData("pickle garbage", "'metadata'", "unreadable pickle")]
    [InlineData("pickle list", "'metadata'", "holds a list, not a dict of metadata")]
    public void Read_BrokenCase_FailsNamingFileKeyAndProblem(string scenario, string key, string problem)
    {
        // Arrange
        using var dir = new TempFolder();
        var path = Build(scenario).WriteTo(dir.File("case_0001.npz"));

        // Act
        var error = Assert.Throws<CaseFormatException>(() => CaseFile.Read(path));

        // Assert
        Assert.StartsWith(path + ": " + key + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void Read_TextFileRenamedNpz_SaysItIsNotAZip()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("case_0002.npz");
        File.WriteAllText(path, "patient,dose\n1,70\n");

        // Act
        var error = Assert.Throws<CaseFormatException>(() => CaseFile.Read(path));

        // Assert
        Assert.Equal($"{path}: not an npz (zip) archive: it does not start with a zip signature", error.Message);
    }

    [Fact]
    public void Read_FileCutShort_SaysTheZipIsTruncated()
    {
        // Arrange: a real case with its second half (and so the central directory) missing.
        using var dir = new TempFolder();
        var path = dir.File("case_0003.npz");
        CaseFile.Write(path, TestCases.Make("case_0003", new VolumeShape(8, 8, 8), 2));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        // Act
        var error = Assert.Throws<CaseFormatException>(() => CaseFile.Read(path));

        // Assert
        Assert.StartsWith($"{path}: truncated or damaged zip archive (its central directory is missing or broken)",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_SaysItIsEmpty()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("case_0004.npz");
        File.WriteAllBytes(path, []);

        // Act
        var error = Assert.Throws<CaseFormatException>(() => CaseFile.Read(path));

        // Assert
        Assert.Equal($"{path}: empty file, not an npz (zip) archive", error.Message);
    }

    private static CaseNpzBuilder Build(string scenario)
    {
        var valid = CaseNpzBuilder.Valid();
        return scenario switch
        {
            "missing key" => valid.Remove("dose"),
            "ct int64" => valid.Set("ct", NpyArray.Create(new long[24], 2, 3, 4)),
            "masks float32" => valid.Set("masks", NpyArray.Create(new float[48], 2, 2, 3, 4)),
            "ct 2-d" => valid.Set("ct", NpyArray.Create(new float[24], 6, 4)),
            "dose shape" => valid.Set("dose", NpyArray.Create(new float[30], 2, 3, 5)),
            "masks 3-d" => valid.Set("masks", NpyArray.Create(new byte[24], 2, 3, 4)),
            "masks yxz" => valid.Set("masks", NpyArray.Create(new byte[72], 2, 3, 3, 4)),
            "sdf yxz" => valid.Set("masks_sdf", NpyArray.Create(new float[60], 2, 2, 3, 5)),
            "sdf channels" => valid.Set("masks_sdf", NpyArray.Create(new float[72], 3, 2, 3, 4)),
            "constraints 2-d" => valid.Set("constraints", NpyArray.Create(new float[13], 13, 1)),
            "bad magic" => valid.SetRaw("ct", Encoding.ASCII.GetBytes("this is not an array at all")),
            "unsupported dtype" => valid.SetRaw("ct", ComplexHeader()),
            "member short" => valid.SetHeaderAndBody("ct", new NpyHeader(NpyDtype.Float32, false, [2, 3, 4]), new byte[10]),
            "member long" => valid.SetHeaderAndBody("dose", new NpyHeader(NpyDtype.Float32, false, [2, 3, 4]), new byte[100]),
            "bad json" => valid.Set("metadata_json", NpyArray.StringScalar("{\"site\": ")),
            "json list" => valid.Set("metadata_json", NpyArray.StringScalar("[1, 2]")),
            "json float" => valid.Set("metadata_json", NpyArray.Create(new double[1])),
            "no metadata" => valid.Remove("metadata_json"),
            "pickle garbage" => valid.Remove("metadata_json").SetHeaderAndBody("metadata",
                new NpyHeader(NpyDtype.Object, false, []), [0x80, 0x03, 0xFF, 0x13, 0x37, 0x00]),
            "pickle list" => valid.Remove("metadata_json").SetHeaderAndBody("metadata",
                new NpyHeader(NpyDtype.Object, false, []), Encoding.ASCII.GetBytes("(lp0\nI1\naI2\na.")),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };
    }

    private static byte[] ComplexHeader()
    {
        // Our writer cannot express complex64, so the header is assembled by hand, padded as numpy pads.
        var literal = "{'descr': '<c8', 'fortran_order': False, 'shape': (2, 3, 4), }";
        var header = literal.PadRight(128 - 10 - 1) + "\n";
        byte[] prefix = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0];
        return [.. prefix, .. Encoding.ASCII.GetBytes(header), .. new byte[192]];
    }
}
