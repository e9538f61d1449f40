using Microsoft.Extensions.Configuration;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.Configuration;

namespace VmatTracker.Tests.Web.Services;

public sealed class SettingSourceTests
{
    [Fact]
    public void Find_JsonThenCommandLine_LaterSourceWinsAndEmptyMeansDefault()
    {
        // Arrange: appsettings.json sets RunsFolder and leaves DataRoot empty; the command line sets TrainingConcurrency.
        using var folder = new TempFolder("vmat-settings");
        File.WriteAllText(folder.File("appsettings.json"), """{"VmatTracker": {"RunsFolder": "/srv/runs", "DataRoot": "", "TrainingConcurrency": 1}}""");
        var configuration = new ConfigurationBuilder()
            .SetBasePath(folder.Path)
            .AddJsonFile("appsettings.json")
            .AddCommandLine(["--VmatTracker:TrainingConcurrency=3"])
            .Build();

        // Act
        var runs = SettingSource.Find(configuration, "VmatTracker:RunsFolder");
        var dataRoot = SettingSource.Find(configuration, "VmatTracker:DataRoot");
        var concurrency = SettingSource.Find(configuration, "VmatTracker:TrainingConcurrency");

        // Assert
        Assert.Equal(("/srv/runs", "appsettings.json"), runs);
        Assert.Equal((null, SettingSource.Default), dataRoot);
        Assert.Equal(("3", "command line"), concurrency);
    }

    [Fact]
    public void Find_EnvironmentProviderWithPrefix_NamesTheVariable()
    {
        // Arrange: an in-memory source stands below the environment provider; the variable name is what a user sets.
        var name = "VMATTEST_" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(name + "VmatTracker__RunsFolder", "/env/runs");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["VmatTracker:RunsFolder"] = "/memory/runs" })
                .AddEnvironmentVariables(name)
                .Build();

            // Act
            var (value, source) = SettingSource.Find(configuration, "VmatTracker:RunsFolder");

            // Assert
            Assert.Equal("/env/runs", value);
            Assert.Equal($"environment variable {name}VmatTracker__RunsFolder", source);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name + "VmatTracker__RunsFolder", null);
        }
    }
}
