using System.Text.Json.Nodes;
using Microsoft.Playwright;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Training;
using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web.EndToEnd;

/// <summary>The dose-slice viewer, the datasets page and the settings page in a real Chromium against the real server.</summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PagesEndToEndTests(DashboardServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunPage_EvaluatedRun_DrawsHeatmapsAndGammaForEachPlane()
    {
        // Arrange: the server's demo case 1 with a prediction 10 % hotter than its truth, recorded as an evaluated run.
        var snapshot = await server.App.WaitForDatasetAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(DatasetPhase.Ready, snapshot.Phase);
        var runFolder = server.App.Folder.File("runs/e2e-slices-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(runFolder, "predictions"));
        var volume = CaseFile.Read(Path.Combine(snapshot.Folder, "case_0001.npz"));
        TestSetPredictor.WritePrediction(Path.Combine(runFolder, "predictions", "case_0001_pred.npz"), volume,
            [.. volume.Dose.Select(v => v * 1.1f)]);
        var config = new JsonObject { ["hparams"] = new JsonObject { ["data_dir"] = snapshot.Folder } };
        var id = await server.Recorder.CreateRunAsync(new NewRun { Experiment = "e2e-slices", Name = "slices", ConfigJson = config.ToJsonString() }, Token);
        await server.Recorder.AddArtifactAsync(id, new ArtifactInfo(runFolder, RunRecorder.RunFolderArtifactKind), Token);
        await server.Recorder.AddEvaluationAsync(id, new EvaluationInfo
        {
            Source = Path.Combine(runFolder, "predictions", "evaluation_results.json"),
            Values = [new EvaluationValueInfo("case_0001", null, "dose_metrics.mae_gy", 1.0)],
        }, Token);
        var page = await server.NewPageAsync();

        // Act
        await DashboardServerFixture.GoAsync(page, $"runs/{id}");
        await WaitForChartsAsync(page, "Axial");
        var axial = await TracesAsync(page);
        await page.GetByTestId("slice-plane-coronal").ClickAsync();
        await WaitForChartsAsync(page, "Coronal");
        var coronal = await TracesAsync(page);

        // Assert: plotly drew CT + dose wash heatmaps; axial pictures are Y x X (32 x 32), coronal Z x X; 10 % too hot
        // everywhere above the cutoff fails gamma somewhere on the slice.
        Assert.Equal("heatmap,heatmap|32x32|heatmap|heatmap,heatmap|x|true", axial);
        Assert.Equal("heatmap,heatmap|32x32|heatmap|heatmap,heatmap|x|true", coronal);
        await Screenshots.SaveAsync(page, "dose-slices");
    }

    [Fact]
    public async Task DatasetsAndSettings_RealServer_ShowTheDemoDatasetAndTheSettingsSources()
    {
        // Arrange
        var snapshot = await server.App.WaitForDatasetAsync(TimeSpan.FromMinutes(2));
        var page = await server.NewPageAsync();

        // Act
        await DashboardServerFixture.GoAsync(page, "datasets");
        var status = await page.GetByTestId("dataset-status").First.TextContentAsync();
        var fingerprint = await page.GetByTestId("dataset-fingerprint").First.TextContentAsync();
        await Screenshots.SaveAsync(page, "datasets");
        await DashboardServerFixture.GoAsync(page, "settings");
        var database = await page.GetByTestId("setting-VmatTracker:DatabasePath").TextContentAsync();
        await Screenshots.SaveAsync(page, "settings");

        // Assert
        Assert.Contains("3 valid cases", status, StringComparison.Ordinal);
        Assert.Equal(snapshot.Report!.Fingerprint, fingerprint?.Trim());
        Assert.Contains(server.App.Folder.File("tracker.db"), database, StringComparison.Ordinal);
    }

    // Until the position line names the plane and all four charts hold their traces.
    private static async Task WaitForChartsAsync(IPage page, string plane)
    {
        await Assertions.Expect(page.GetByTestId("slice-position")).ToContainTextAsync(plane + " slice");
        await page.WaitForFunctionAsync("""
            () => ['slice-truth', 'slice-prediction', 'slice-difference', 'slice-gamma']
              .every(id => (document.getElementById(id)?.data?.length ?? 0) >= (id === 'slice-difference' ? 1 : 2))
            """);
    }

    // trace types of the truth chart | its wash's rows x columns | difference types | gamma types | y scale anchor | any gamma > 1
    private static Task<string> TracesAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const chart = id => document.getElementById(id);
          const types = id => chart(id).data.map(t => t.type).join(',');
          const wash = chart('slice-truth').data[1];
          const gamma = chart('slice-gamma').data[1].z.flat().filter(v => v !== null);
          return [types('slice-truth'), wash.z.length + 'x' + wash.z[0].length, types('slice-difference'), types('slice-gamma'),
                  chart('slice-truth').layout.yaxis.scaleanchor, gamma.some(v => v > 1)].join('|');
        }
        """);
}
