using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Runs.Queue;
using VmatTracker.Tests.Engine.DataLoading.Hostile;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Tests.Web.Api;
using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web;

/// <summary>The real server started on a data root holding each hostile case file: it keeps serving and names them.</summary>
public sealed class HostileDataRootTests
{
    [Fact]
    public async Task Server_DataRootWithHostileFiles_KeepsServingAndTheDatasetsPageNamesEachFile()
    {
        // Arrange
        using var root = new TempFolder("vmat-hostile-root");
        HostileCases.Phantom(root.Path);
        List<string> hostile =
        [
            HostileCases.Oversized(root.File("case_0666.npz")),
            HostileCases.HugeUnicodeDtype(root.File("case_0667.npz")),
            HostileCases.PickleBomb(root.File("case_0668.npz")),
        ];
        if (!OperatingSystem.IsWindows())
        {
            hostile.Add(HostileCases.Fifo(root.File("case_0669.npz")));
            hostile.Add(HostileCases.SymlinkTo(root.File("case_0670.npz"), "/dev/zero"));
            hostile.Add(HostileCases.SymlinkTo(root.File("case_0671.npz"), root.File("case_0671.npz")));
        }

        using var app = new VmatAppFactory(new Dictionary<string, string?> { ["VmatTracker:DataRoot"] = root.Path });
        using var client = new HttpClient { BaseAddress = app.Address };

        // Act
        var dataset = await app.WaitForDatasetAsync(TimeSpan.FromSeconds(60));
        var page = await client.GetAsync("/datasets", TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var home = await client.GetAsync("/", TestContext.Current.CancellationToken);

        // Assert: the scan finished with one bad entry per hostile file, and the server still answers.
        Assert.Equal(DatasetPhase.Ready, dataset.Phase);
        Assert.Equal(hostile.Count, dataset.Report!.InvalidCases.Count());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"{hostile.Count} of {hostile.Count + 1} cases have problems", html, StringComparison.Ordinal);
        Assert.All(hostile, file => Assert.Contains(file + ": ", html, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task StartRun_DataRootWithAnInvalidCase_400NamingDataDirAndTheFileUnlessSkipInvalid()
    {
        // Arrange: three real cases and one that is not a zip.
        using var root = new TempFolder("vmat-invalid-root");
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var one = HostileCases.Phantom(root.File($"seed{seed}"), seed);
            File.Move(one, root.File($"case_000{seed}.npz"));
        }

        var corrupt = root.File("case_0009.npz");
        File.WriteAllText(corrupt, "this is not a zip archive");
        using var app = new VmatAppFactory(new Dictionary<string, string?> { ["VmatTracker:DataRoot"] = root.Path });
        using var http = new HttpClient { BaseAddress = app.Address };
        await app.WaitForDatasetAsync(TimeSpan.FromSeconds(60));

        // Act
        var (refusedStatus, refused) = await ApiClient.SendJsonAsync(http, HttpMethod.Post, "api/runs", """{"size": "smoke"}""");
        var (skippedStatus, skipped) = await ApiClient.SendJsonAsync(http, HttpMethod.Post, "api/runs",
            """{"size": "smoke", "options": {"exp_name": "skipping", "skip_invalid": true}}""");

        // Assert: refused with the field, the count, the file and the way out; with skip_invalid the run is queued.
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        var problem = ApiClient.FieldProblem(refused, "options.data_dir");
        Assert.Contains("1 of 4 cases", problem, StringComparison.Ordinal);
        Assert.Contains(corrupt, problem, StringComparison.Ordinal);
        Assert.Contains("skip_invalid", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, skippedStatus);
        var id = skipped.GetProperty("id").GetInt64();
        var queue = app.Services.GetRequiredService<TrainingQueue>();
        queue.Stop(id);
        await queue.CancelAsync(id, TestContext.Current.CancellationToken);
        var runs = app.Services.GetRequiredService<RunQueries>();
        Assert.Equal(true, (await runs.GetAsync(id, TestContext.Current.CancellationToken))!.Summary.Params["skip_invalid"]);
        await StoreWait.UntilStatusAsync(runs, id, RunStatus.Cancelled, TimeSpan.FromSeconds(60));
    }
}
