using VmatTracker.Engine.OpenKbp;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.OpenKbp;

/// <summary>OpenKBP's scores on small made-up patients whose answers are worked out by hand.</summary>
public sealed class OpenKbpScorerTests
{
    [Fact]
    public void Score_MadeUpPatients_MatchHandCheckedValues()
    {
        // Arrange: see WriteHandCheckedCase for the doses and the arithmetic
        using var temp = new TempFolder("openkbp-score");
        var (reference, predictions) = WriteHandCheckedCase(temp);

        // Act
        var report = OpenKbpScorer.Score(reference, predictions);

        // Assert: pt_1 (5 × 5 × 2 mm = 50 mm³, so 0.1 cc = 2 voxels)
        Assert.Empty(report.Problems);
        var one = report.Patients.Single(p => p.PatientId == "pt_1");
        Assert.Equal(85.0 / 20, one.DoseError, 1e-12);
        Assert.Equal(8.2, one.DvhErrors["SpinalCord"]["D_0.1_cc"], 1e-12); // percentile 80 of 1..10 = 8.2; of 2..20 = 16.4
        Assert.Equal(5.5, one.DvhErrors["SpinalCord"]["mean"], 1e-12);
        Assert.Equal(9.92, one.DvhErrors["PTV70"]["D_99"], 1e-12); // percentile 1 of 60..68 step 2 = 60.08
        Assert.Equal(9.6, one.DvhErrors["PTV70"]["D_95"], 1e-12); // percentile 5 = 60.4
        Assert.Equal(2.08, one.DvhErrors["PTV70"]["D_1"], 1e-12); // percentile 99 = 67.92
        Assert.Equal(["PTV70", "SpinalCord"], one.DvhErrors.Keys.Order(StringComparer.Ordinal));

        // pt_2 (10 × 10 × 1 mm = 100 mm³, so 0.1 cc = 1 voxel): cord of 4 voxels at 10 Gy, predicted 12 Gy
        var two = report.Patients.Single(p => p.PatientId == "pt_2");
        Assert.Equal(1.0, two.DoseError, 1e-12);
        Assert.Equal(2.0, two.DvhErrors["SpinalCord"]["D_0.1_cc"], 1e-12);

        // Overall: dose = mean of patients; DVH = mean over all 7 (patient, structure, metric) errors, not of means
        Assert.Equal((4.25 + 1.0) / 2, report.DoseScore!.Value, 1e-12);
        Assert.Equal((8.2 + 5.5 + 9.92 + 9.6 + 2.08 + 2 + 2) / 7, report.DvhScore!.Value, 1e-12);
    }

    [Fact]
    public void Score_MissingOrBadPrediction_NamesItAndScoresTheRest()
    {
        // Arrange
        using var temp = new TempFolder("openkbp-score");
        var (reference, predictions) = WriteHandCheckedCase(temp);
        File.Delete(Path.Combine(predictions, "pt_2.csv"));
        OpenKbpSample.WriteSyntheticPatient(reference, "pt_3");
        File.WriteAllText(Path.Combine(predictions, "pt_3.csv"), ",data\n5,oops\n");

        // Act
        var report = OpenKbpScorer.Score(reference, predictions);

        // Assert
        Assert.Equal(["pt_1"], report.Patients.Select(p => p.PatientId));
        Assert.Contains(report.Problems, p => p.StartsWith("pt_2:", StringComparison.Ordinal)
                                              && p.Contains("pt_2.csv: missing", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("pt_3:", StringComparison.Ordinal)
                                              && p.Contains("line 2: the value 'oops'", StringComparison.Ordinal));
        Assert.Equal(85.0 / 20, report.DoseScore!.Value, 1e-12);
    }

    [Fact]
    public void Submission_WritesMaskedNonNegativeGy_AndRoundTripsThroughTheScorer()
    {
        // Arrange: a prediction that is negative in places and non-zero outside the possible-dose mask
        using var temp = new TempFolder("openkbp-submission");
        var reference = temp.File("reference");
        var folder = OpenKbpSample.WriteSyntheticPatient(reference, "pt_4");
        var patient = OpenKbpPatient.Load(folder, withCt: false);
        var normalised = new float[OpenKbpFormat.VoxelCount];
        for (var i = 0; i < normalised.Length; i++)
        {
            normalised[i] = (float)((patient.DoseGy[i] * 1.1 / 70) - 0.05 + (i % 7 * 0.01));
        }

        var predictions = Directory.CreateDirectory(temp.File("predictions")).FullName;
        var expected = new double[normalised.Length];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = patient.PossibleDoseMask[i] == 0 ? 0 : Math.Max(0, normalised[i] * 70.0);
        }

        // Act
        OpenKbpSubmission.Write(Path.Combine(predictions, OpenKbpSubmission.FileName("pt_4")), normalised,
            patient.PossibleDoseMask, gyPerUnit: 70);
        var report = OpenKbpScorer.Score(reference, predictions);
        var lines = File.ReadAllLines(Path.Combine(predictions, "pt_4.csv"));

        // Assert: the file is OpenKBP's sparse form, in ascending index order, inside the mask, above zero
        Assert.Equal(",data", lines[0]);
        var indices = lines.Skip(1).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(indices.Order(), indices);
        Assert.Equal(expected.Count(v => v > 0), indices.Count);
        Assert.All(indices, i => Assert.Equal(1, patient.PossibleDoseMask[OpenKbpFormat.ToContractIndex(i)]));
        var direct = OpenKbpScorer.ScorePatient(patient, expected);
        var scored = Assert.Single(report.Patients);
        Assert.Equal(direct.DoseError, scored.DoseError, 1e-5);
        Assert.True(direct.DoseError > 0.1, "the prediction differs from the reference");
        foreach (var (structure, metrics) in direct.DvhErrors)
        {
            foreach (var (metric, value) in metrics)
            {
                Assert.Equal(value, scored.DvhErrors[structure][metric], 1e-5);
            }
        }
    }

    /// <summary>
    /// pt_1: SpinalCord of 10 voxels at 1..10 Gy predicted at 2..20 Gy; PTV70 of 5 voxels at 60, 62, 64, 66, 68 Gy
    /// predicted at 70 Gy; a possible-dose mask of 20 voxels. Σ|error| = 55 + 30 = 85, dose error 85 / 20 = 4.25.
    /// pt_2: SpinalCord of 4 voxels at 10 Gy predicted at 12 Gy, mask of 8 voxels: dose error 8 / 8 = 1.
    /// </summary>
    private static (string Reference, string Predictions) WriteHandCheckedCase(TempFolder temp)
    {
        var reference = Directory.CreateDirectory(temp.File("reference")).FullName;
        var predictions = Directory.CreateDirectory(temp.File("predictions")).FullName;

        var one = Directory.CreateDirectory(Path.Combine(reference, "pt_1")).FullName;
        File.WriteAllText(Path.Combine(one, "voxel_dimensions.csv"), "5\n5\n2\n");
        var cord = Enumerable.Range(0, 10).Select(k => OpenKbpSample.Index(70, 60, 40 + k)).ToArray();
        var ptv = Enumerable.Range(0, 5).Select(k => OpenKbpSample.Index(60, 60, 40 + k)).ToArray();
        var others = Enumerable.Range(0, 5).Select(k => OpenKbpSample.Index(50, 60, 40 + k));
        OpenKbpSample.WriteMask(Path.Combine(one, "SpinalCord.csv"), cord);
        OpenKbpSample.WriteMask(Path.Combine(one, "PTV70.csv"), ptv);
        OpenKbpSample.WriteMask(Path.Combine(one, "possible_dose_mask.csv"), cord.Concat(ptv).Concat(others));
        OpenKbpSample.WriteValues(Path.Combine(one, "dose.csv"),
            cord.Select((i, k) => (i, k + 1.0)).Concat(ptv.Select((i, k) => (i, 60.0 + (2 * k)))));
        OpenKbpSample.WriteValues(Path.Combine(predictions, "pt_1.csv"),
            cord.Select((i, k) => (i, 2.0 * (k + 1))).Concat(ptv.Select(i => (i, 70.0))));

        var two = Directory.CreateDirectory(Path.Combine(reference, "pt_2")).FullName;
        File.WriteAllText(Path.Combine(two, "voxel_dimensions.csv"), "10\n10\n1\n");
        var cord2 = Enumerable.Range(0, 4).Select(k => OpenKbpSample.Index(70, 60, 40 + k)).ToArray();
        OpenKbpSample.WriteMask(Path.Combine(two, "SpinalCord.csv"), cord2);
        OpenKbpSample.WriteMask(Path.Combine(two, "possible_dose_mask.csv"),
            Enumerable.Range(0, 8).Select(k => OpenKbpSample.Index(70, 60, 40 + k)));
        OpenKbpSample.WriteValues(Path.Combine(two, "dose.csv"), cord2.Select(i => (i, 10.0)));
        OpenKbpSample.WriteValues(Path.Combine(predictions, "pt_2.csv"), cord2.Select(i => (i, 12.0)));
        return (reference, predictions);
    }
}
