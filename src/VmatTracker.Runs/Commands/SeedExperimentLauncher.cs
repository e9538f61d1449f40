using System.Globalization;
using Microsoft.Extensions.Options;
using VmatTracker.Runs.Configuration;
using VmatTracker.Runs.Presets;

namespace VmatTracker.Runs.Commands;

/// <summary>What the seed page asks for.</summary>
/// <param name="DataDir">The data folder (a configured data root or inside one).</param>
/// <param name="Size">A <see cref="SizeProfile"/> key: smoke, demo or full.</param>
/// <param name="Seeds">"42" or "42,43".</param>
/// <param name="IncludePilotTau">Add the record's pilot-τ structure-weighted run.</param>
public sealed record SeedRequest(string? DataDir, string? Size, string? Seeds, bool IncludePilotTau);

/// <summary>
/// The dashboard's "reproduce the seed": plans the runs with Hosting's <see cref="SeedExperiment.Plan"/> (the same plan
/// as <c>vmat experiment reproduce-seed</c>) into a fresh folder under the runs folder and queues every one through
/// <see cref="RunLauncher"/>, so they train one after another in the server's worker.
/// </summary>
public sealed class SeedExperimentLauncher(RunLauncher launcher, IOptions<VmatTrackerOptions> settings, TimeProvider time)
{
    /// <summary>Everything wrong with <paramref name="request"/>, each naming its field; empty when it can be queued.</summary>
    public IReadOnlyList<string> Problems(SeedRequest request) => Plan(request, out _).Problems;

    /// <summary>Queues the planned runs; returns their IDs in plan order (the first is seed 1's Baseline).</summary>
    /// <exception cref="ArgumentException">The request has problems (all listed in the message).</exception>
    public async Task<IReadOnlyList<long>> LaunchAsync(SeedRequest request, CancellationToken cancellationToken)
    {
        var (plan, problems) = Plan(request, out var size);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(request));
        }

        var ids = new List<long>();
        foreach (var run in plan)
        {
            ids.Add(await launcher.LaunchAsync(run.Options, new RunLaunch(SeedExperiment.DefaultExperimentName, run.Tags,
                $"dashboard: reproduce the seed, size {size!.Key}: {run.Recipe.DisplayName}"), cancellationToken).ConfigureAwait(false));
        }

        return ids;
    }

    private (IReadOnlyList<PlannedRun> Plan, List<string> Problems) Plan(SeedRequest request, out SizeProfile? size)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        size = SizeProfile.Find(request.Size);
        if (size is null)
        {
            problems.Add($"size: '{request.Size}' is not one of {string.Join(", ", SizeProfile.All.Select(p => p.Key))}");
        }

        if (!SeedExperiment.TryParseSeeds(request.Seeds ?? "", out var seeds, out var seedProblem))
        {
            problems.Add($"seeds: {seedProblem}");
        }

        if (string.IsNullOrWhiteSpace(request.DataDir))
        {
            problems.Add("data folder: choose one of the configured data roots");
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        // A folder of its own per reproduction, so the runs' folders (named <recipe>_s<seed>) never collide.
        var logDir = Path.Combine(DataRoots.RunsFolder(settings.Value), string.Create(CultureInfo.InvariantCulture,
            $"seed-{size!.Key}-{time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss}"));
        var plan = SeedExperiment.Plan(request.DataDir!, logDir, size, seeds, request.IncludePilotTau);
        problems.AddRange(plan.SelectMany(r => launcher.Problems(r.Options)).Distinct(StringComparer.Ordinal));
        return (plan, problems);
    }
}
