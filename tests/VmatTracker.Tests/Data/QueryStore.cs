using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Data;

/// <summary>Five runs with known parameters, tags and metrics, for the query tests; shared by read-only tests.</summary>
public sealed class QueryStore : IAsyncLifetime
{
    private TestStore? _store;

    public TestStore Store => _store!;

    public Dictionary<string, long> Ids { get; private set; } = [];

    public async ValueTask InitializeAsync() => (_store, Ids) = await CreateAsync();

    public ValueTask DisposeAsync()
    {
        _store?.Dispose();
        return ValueTask.CompletedTask;
    }

    public static async Task<(TestStore Store, Dictionary<string, long> Ids)> CreateAsync()
    {
        var store = await TestStore.CreateAsync();
        var ids = new Dictionary<string, long>();
        var token = TestContext.Current.CancellationToken;

        async Task AddAsync(string name, bool structureWeighted, int seed, string site, double[] maes, DateTime created)
        {
            var id = await store.Recorder.CreateRunAsync(new NewRun
            {
                Experiment = structureWeighted ? "structure_weighted" : "baseline",
                Name = name,
                ConfigJson = $$"""{"use_structure_weighted": {{(structureWeighted ? "true" : "false")}}, "seed": {{seed}}, "base_channels": 48, "loss": "{{(structureWeighted ? "mse+sw" : "mse")}}"}""",
                Tags = new Dictionary<string, string> { ["site"] = site },
                CreatedAt = created,
            }, token);
            if (maes.Length > 0)
            {
                await store.Recorder.AppendMetricsAsync(id, [.. maes.Select((v, e) => new MetricValue("val/mae_gy", (e + 1) * 10, e, v))], token);
            }

            ids[name] = id;
        }

        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await AddAsync("sw42", true, 42, "prostate", [4.0, 2.9, 3.1], t0);
        await AddAsync("sw123", true, 123, "prostate", [5.0, 3.5], t0.AddHours(1));
        await AddAsync("base42", false, 42, "prostate", [6.0, 3.7], t0.AddHours(2));
        await AddAsync("base123", false, 123, "head-neck", [2.5], t0.AddHours(3));
        await AddAsync("nometrics", true, 7, "lung", [], t0.AddHours(4));
        return (store, ids);
    }
}
