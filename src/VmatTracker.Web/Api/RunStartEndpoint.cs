using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Configuration;
using VmatTracker.Runs.Options;
using VmatTracker.Runs.Presets;
using VmatTracker.Web.Services;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Api;

/// <summary>What <c>POST /api/runs</c> takes: presets, then options under the reference's snake_case names (as
/// training_config.json's "hparams" has them), applied over the new-run page's defaults.</summary>
/// <param name="Experiment">Experiment (default: default).</param>
/// <param name="Notes">Notes.</param>
/// <param name="Tags">Labels.</param>
/// <param name="Recipe">A recipe preset key (baseline, gradient, dvh-aware, structure-weighted, asymmetric-ptv, ...).</param>
/// <param name="Size">A size profile key (smoke, demo, full).</param>
/// <param name="Options">Trainer options by their snake_case names; they win over the presets.</param>
public sealed record StartRunRequest(string? Experiment, string? Notes, Dictionary<string, string>? Tags, string? Recipe, string? Size,
    JsonObject? Options);

/// <summary>
/// <c>POST /api/runs</c>: starts a run on this server's queue, checked as the new-run page checks it (the trainer's own
/// validation plus the data roots) through <see cref="RunLauncher"/>. Every problem answers 400 under its option's name.
/// </summary>
internal static class RunStartEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapPost("/api/runs", StartAsync).WithMetadata(BodyLimit.Default);

    private static async Task<IResult> StartAsync(HttpRequest request, RunLauncher launcher, DatasetState dataset,
        IOptions<VmatTrackerOptions> settings, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await ApiProblems.ReadBodyAsync<StartRunRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        var options = new TrainerOptions
        {
            ExpName = $"run_{stamp}",
            DataDir = dataset.Current.Folder,
            LogDir = DataRoots.RunsFolder(settings.Value),
        };
        RecipePreset? recipe = null;
        if (body!.Recipe is { } recipeKey)
        {
            recipe = RecipePreset.All.FirstOrDefault(r => string.Equals(r.Key, recipeKey, StringComparison.OrdinalIgnoreCase));
            if (recipe is null)
            {
                return ApiProblems.BadField("recipe", $"'{recipeKey}' is not one of {string.Join(", ", RecipePreset.All.Select(r => r.Key))}");
            }

            options = RunPresets.ApplyRecipe(options, recipe);
        }

        if (body.Size is { } sizeKey)
        {
            if (SizeProfile.Find(sizeKey) is not { } size)
            {
                return ApiProblems.BadField("size", $"'{sizeKey}' is not one of {string.Join(", ", SizeProfile.All.Select(p => p.Key))}");
            }

            options = RunPresets.ApplyProfile(options, size, recipe);
        }

        if (body.Options is { Count: > 0 } given)
        {
            var merged = options.ToHyperParametersJson();
            foreach (var (key, value) in given)
            {
                if (!merged.ContainsKey(key) || key == "resume")
                {
                    return ApiProblems.BadField($"options.{key}", "not a trainer option this endpoint takes (use the snake_case names of training_config.json's hparams)");
                }

                merged[key] = value?.DeepClone();
            }

            try
            {
                options = TrainerConfigReader.Read(merged.ToJsonString());
            }
            catch (FormatException e)
            {
                var key = e.Message.Split(':')[0];
                return ApiProblems.BadField(merged.ContainsKey(key) ? $"options.{key}" : "options", e.Message);
            }
        }

        var problems = launcher.Problems(options);
        if (problems.Count == 0 && InvalidCasesProblem(options, dataset.Current) is { } invalid)
        {
            problems = [invalid];
        }

        if (problems.Count > 0)
        {
            return ApiProblems.BadFields([.. problems.Select(p => (FieldOf(p), p))]);
        }

        var tags = new Dictionary<string, string>(body.Tags ?? [], StringComparer.Ordinal);
        if (recipe is not null)
        {
            tags.TryAdd("recipe", recipe.Key);
        }

        if (body.Size is not null)
        {
            tags.TryAdd("size", SizeProfile.Find(body.Size)!.Key);
        }

        try
        {
            var experiment = string.IsNullOrWhiteSpace(body.Experiment) ? null : body.Experiment.Trim();
            var id = await launcher.LaunchAsync(options, new RunLaunch(experiment, tags, body.Notes), ct);
            return Results.Created($"/api/runs/{id}", new { id, options.ExpName, runFolder = options.RunFolder });
        }
        catch (ArgumentException e)
        {
            return ApiProblems.BadField(e.Message.Contains("experiment", StringComparison.Ordinal) ? "experiment" : "body", e.Message);
        }
    }

    // The start-up scan already knows the active folder's invalid cases: refused here, the run is never queued to fail.
    private static string? InvalidCasesProblem(TrainerOptions options, DatasetSnapshot dataset)
    {
        if (options.SkipInvalid || dataset.Report is not { } report
            || !string.Equals(Path.GetFullPath(options.DataDir), report.Folder, StringComparison.Ordinal))
        {
            return null;
        }

        return report.InvalidCases.Any()
            ? TrainingData.InvalidCasesProblem(report, options.DataDir, "set options.skip_invalid to true")
            : null;
    }

    // The trainer's messages start with the flag: "--patch_size: 40 must be ..."; the field is its snake_case name.
    private static string FieldOf(string problem)
    {
        if (!problem.StartsWith("--", StringComparison.Ordinal))
        {
            return "options";
        }

        var end = problem.IndexOfAny([':', ' '], 2);
        return "options." + (end < 0 ? problem[2..] : problem[2..end]);
    }
}
