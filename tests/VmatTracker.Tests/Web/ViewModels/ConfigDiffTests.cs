using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class ConfigDiffTests
{
    [Fact]
    public void Of_ThreeConfigs_OnlyDifferingKeysWithEachRunsValue()
    {
        // Arrange
        string[] configs =
        [
            """{"epochs": 100, "seed": 42, "loss": {"gradient": true, "structure_weighted": false}, "patch": [128,128,128]}""",
            """{"epochs": 100, "seed": 42, "loss": {"gradient": true, "structure_weighted": true}, "patch": [128,128,128]}""",
            """{"epochs": 100, "seed": 7, "loss": {"gradient": true, "structure_weighted": true}, "patch": [64,64,64], "val_metrics": "whole-volume"}""",
        ];

        // Act
        var diff = ConfigDiff.Of(configs);

        // Assert
        Assert.Equal(["loss.structure_weighted", "patch", "seed", "val_metrics"], diff.Select(d => d.Key));
        Assert.Equal(["false", "true", "true"], diff[0].Values);
        Assert.Equal(["[128,128,128]", "[128,128,128]", "[64,64,64]"], diff[1].Values);
        Assert.Equal([null, null, "\"whole-volume\""], diff[3].Values);
    }

    [Fact]
    public void Of_SameConfigs_NoDifferences()
    {
        // Act
        var diff = ConfigDiff.Of(["""{"a": 1, "b": {"c": "x"}}""", """{"b": {"c": "x"}, "a": 1}"""]);

        // Assert
        Assert.Empty(diff);
    }
}
