using System.Text.Json.Nodes;
using Bunit;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Training;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.Components.Controls;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.Components;

/// <summary>
/// The dose-slice viewer over a real run folder written here: a case whose ground truth is 35 Gy everywhere except one
/// hot voxel of 70 Gy at (y 4, x 1, z 2), and a prediction that gives that voxel 56 Gy. The hot voxel must appear at
/// the right pixel of each plane, the difference must be -14 Gy there and 0 elsewhere, and gamma must fail there only.
/// </summary>
public sealed class DoseSliceViewerTests : DashboardContext
{
    private static readonly VolumeShape s_shape = new(6, 5, 4);
    private static readonly (int Y, int X, int Z) s_hot = (4, 1, 2);

    [Fact]
    public async Task Viewer_Axial_HotVoxelAtRowYColumnXAndDifferenceInGy()
    {
        // Arrange
        var (detail, view) = await RecordEvaluatedRunAsync(writeCase: true);

        // Act: the viewer opens the first case at the case's centre slice (z = 4 / 2 = 2: the hot voxel's).
        var viewer = Render<DoseSliceViewer>(p => p.Add(c => c.Detail, detail).Add(c => c.View, view));
        viewer.WaitForAssertion(() => Assert.NotNull(viewer.Instance.Geometry));

        // Assert: rows are Y, columns X; truth is 70 Gy at the hot pixel and 35 Gy elsewhere.
        var truth = HeatMap(viewer, "slice-truth", 1);
        Assert.Equal(6, truth.Z.Count);
        Assert.Equal(5, Row(truth, 0).Length);
        Assert.Equal(70.0, Row(truth, s_hot.Y)[s_hot.X]);
        Assert.Equal(35.0, Row(truth, 0)[0]);
        Assert.Equal(56.0, Row(HeatMap(viewer, "slice-prediction", 1), s_hot.Y)[s_hot.X]);
        var difference = HeatMap(viewer, "slice-difference", 0);
        Assert.Equal(-14.0, Row(difference, s_hot.Y)[s_hot.X]);
        Assert.Equal(1, difference.Z.SelectMany(r => (double?[])r).Count(v => v != 0));

        // Pixel centres are in mm (2 mm rows, 3 mm columns) and the y axis shares the x axis' scale.
        Assert.Equal(3.0, Convert.ToDouble(truth.X[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(8.0, Convert.ToDouble(truth.Y[4], System.Globalization.CultureInfo.InvariantCulture));
        var layout = viewer.FindComponents<PlotlyChart>().First(c => c.Instance.Id == "slice-truth").Instance.Layout;
        Assert.Equal("x", layout.YAxis[0].ScaleAnchor?.ToString());
    }

    [Fact]
    public async Task Viewer_CoronalAndSagittal_HeadAtTopAndHotVoxelInPlace()
    {
        // Arrange
        var (detail, view) = await RecordEvaluatedRunAsync(writeCase: true);
        var viewer = Render<DoseSliceViewer>(p => p.Add(c => c.Detail, detail).Add(c => c.View, view));
        viewer.WaitForAssertion(() => Assert.NotNull(viewer.Instance.Geometry));

        // Act: coronal, then the slider to slice y = 4.
        await viewer.InvokeAsync(() => viewer.Find("[data-testid=slice-plane-coronal]").Click());
        await viewer.InvokeAsync(() => viewer.Find("input[type=range]").Change(s_hot.Y.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // Assert: rows are Z from the top (head first), columns X; the hot voxel (z 2 of 4) is row 1.
        var coronal = HeatMap(viewer, "slice-difference", 0);
        Assert.Equal(4, coronal.Z.Count);
        Assert.Equal(5, Row(coronal, 0).Length);
        Assert.Equal(-14.0, Row(coronal, s_shape.Z - 1 - s_hot.Z)[s_hot.X]);
        Assert.Contains("Coronal slice 5 of 6", viewer.Find("[data-testid=slice-position]").TextContent, StringComparison.Ordinal);

        // Act: sagittal, then the slider to slice x = 1.
        await viewer.InvokeAsync(() => viewer.Find("[data-testid=slice-plane-sagittal]").Click());
        await viewer.InvokeAsync(() => viewer.Find("input[type=range]").Change(s_hot.X.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // Assert: rows Z from the top, columns Y.
        var sagittal = HeatMap(viewer, "slice-truth", 1);
        Assert.Equal(4, sagittal.Z.Count);
        Assert.Equal(6, Row(sagittal, 0).Length);
        Assert.Equal(70.0, Row(sagittal, s_shape.Z - 1 - s_hot.Z)[s_hot.Y]);
        Assert.Equal(4.0, Convert.ToDouble(sagittal.Y[1], System.Globalization.CultureInfo.InvariantCulture)); // 4 mm slices
    }

    [Fact]
    public async Task Viewer_Gamma_FailsAtTheHotVoxelOnly()
    {
        // Arrange
        var (detail, view) = await RecordEvaluatedRunAsync(writeCase: true);

        // Act
        var viewer = Render<DoseSliceViewer>(p => p.Add(c => c.Detail, detail).Add(c => c.View, view));
        viewer.WaitForAssertion(() => Assert.Contains(viewer.FindComponents<PlotlyChart>(), c => c.Instance.Id == "slice-gamma"));

        // Assert: 14 Gy off at the hot voxel, far beyond 3 % of 70 Gy within 3 mm: clipped at 2. Everywhere else the
        // prediction equals the truth at the point itself: 0.
        var gamma = HeatMap(viewer, "slice-gamma", 1);
        Assert.Equal(2.0, Row(gamma, s_hot.Y)[s_hot.X]);
        Assert.Equal(6 * 5 - 1, gamma.Z.SelectMany(r => (double?[])r).Count(v => v == 0));
    }

    [Fact]
    public async Task Viewer_CaseFileMissing_SaysWhichFileInThePanel()
    {
        // Arrange: the dataset folder the run names has no case file.
        var (detail, view) = await RecordEvaluatedRunAsync(writeCase: false);

        // Act
        var viewer = Render<DoseSliceViewer>(p => p.Add(c => c.Detail, detail).Add(c => c.View, view));

        // Assert
        var message = viewer.WaitForElement("[data-testid=slice-problem]").TextContent;
        Assert.Contains("case_0001.npz does not exist", message, StringComparison.Ordinal);
        Assert.Empty(viewer.FindComponents<PlotlyChart>());
    }

    private static HeatMap HeatMap(IRenderedComponent<DoseSliceViewer> viewer, string id, int trace) =>
        (HeatMap)viewer.FindComponents<PlotlyChart>().Single(c => c.Instance.Id == id).Instance.Data[trace];

    private static double?[] Row(HeatMap map, int row) => (double?[])map.Z[row];

    /// <summary>A run whose config names a data folder, with predictions/case_0001_pred.npz and an evaluation.</summary>
    private async Task<(VmatTracker.Data.Queries.RunDetail Detail, EvaluationView View)> RecordEvaluatedRunAsync(bool writeCase)
    {
        var dataFolder = Path.Combine(DataFolder, "cases");
        var runFolder = Path.Combine(DataFolder, "runs", "viewer");
        Directory.CreateDirectory(dataFolder);
        Directory.CreateDirectory(Path.Combine(runFolder, "predictions"));
        var metadata = new JsonObject { ["case_id"] = "case_0001", ["voxel_spacing_mm"] = new JsonArray(2.0, 3.0, 4.0), ["site"] = "prostate" };
        var volume = TestCases.Make("case_0001", s_shape, 8, metadata);
        Array.Fill(volume.Dose, 0.5f);
        Array.Clear(volume.Masks);
        volume.Dose[s_shape.IndexOf(s_hot.Y, s_hot.X, s_hot.Z)] = 1.0f;
        if (writeCase)
        {
            CaseFile.Write(Path.Combine(dataFolder, "case_0001.npz"), volume);
        }

        var prediction = (float[])volume.Dose.Clone();
        prediction[s_shape.IndexOf(s_hot.Y, s_hot.X, s_hot.Z)] = 0.8f;
        TestSetPredictor.WritePrediction(Path.Combine(runFolder, "predictions", "case_0001_pred.npz"), volume, prediction);

        var config = new JsonObject { ["hparams"] = new JsonObject { ["data_dir"] = dataFolder } };
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "viewer", ConfigJson = config.ToJsonString() }, Token);
        await Store.Recorder.AddArtifactAsync(id, new ArtifactInfo(runFolder, RunRecorder.RunFolderArtifactKind), Token);
        await Store.Recorder.AddEvaluationAsync(id, new EvaluationInfo
        {
            Source = Path.Combine(runFolder, "predictions", "evaluation_results.json"),
            Values = [new EvaluationValueInfo("case_0001", null, "dose_metrics.mae_gy", 0.01)],
        }, Token);
        var detail = (await Store.Queries.GetAsync(id, Token))!;
        return (detail, new EvaluationView(detail.Evaluations[^1]));
    }
}
