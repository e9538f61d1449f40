using System.Text.Json;
using VmatTracker.Engine.Models;
using VmatTracker.Engine.Sites;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.OpenKbp;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class PredictOpenKbpTests
{
    [Fact]
    public void Predict_OpenKbpCsv_WritesASubmissionTheScorerReads()
    {
        // Arrange: one imported sample patient and an untrained base-16 model (the numbers do not matter here, only that
        // the file is a valid submission for that patient)
        var patient = OpenKbpSample.Patient("pt_1");
        TorchSharp.torch.set_num_threads(1);
        using var temp = new TempFolder("predict-openkbp");
        var imported = temp.File("imported");
        Assert.Equal(0, CliRunner.Run("data", "import-openkbp", patient, "--out", imported).ExitCode);
        var site = SiteCatalog.Get("head_and_neck");
        var checkpoint = temp.File("untrained.dat");
        using (var model = new BaselineUNet3D(1 + site.Channels.Count, baseChannels: 16, constraintDim: site.Constraints.Count))
        {
            model.save(checkpoint);
        }

        var reference = OpenKbpSample.Subset(temp, "reference", "pt_1");

        // Act
        var predict = CliRunner.Run("predict", "--checkpoint", checkpoint, "--base-channels", "16", "--patch-size", "128",
            "--data_dir", imported, "--out", temp.File("predictions"), "--openkbp-csv", temp.File("submission"));
        var score = CliRunner.Run("openkbp", "score", "--reference", reference, "--predictions", temp.File("submission"), "--json");

        // Assert
        Assert.True(predict.ExitCode == 0, predict.Error);
        Assert.Contains("1 OpenKBP submission CSV(s)", predict.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.File("submission"), "pt_1.csv")));
        Assert.True(score.ExitCode == 0, score.Error);
        using var json = JsonDocument.Parse(score.Output);
        Assert.True(double.IsFinite(json.RootElement.GetProperty("dose_score").GetDouble()));
    }
}
