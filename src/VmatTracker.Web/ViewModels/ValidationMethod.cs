using VmatTracker.Data.Queries;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// How a run's validation metrics were computed: its <c>val_metrics</c> parameter (<c>whole-volume</c> or
/// <c>random-patch</c>); runs imported from the reference (tag <c>source = reference</c>) are <c>random-patch</c>,
/// as the reference validated on random patches. Null when the run does not say.
/// </summary>
public static class ValidationMethod
{
    /// <summary>The config key that names the method.</summary>
    public const string ParameterKey = "val_metrics";

    /// <summary>The reference pipeline's method.</summary>
    public const string RandomPatch = "random-patch";

    /// <summary>The method of <paramref name="run"/>, or null when unknown.</summary>
    public static string? Of(RunListItem run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Params.GetValueOrDefault(ParameterKey) is string method && method.Length > 0)
        {
            return method;
        }

        return run.Tags.GetValueOrDefault("source") == "reference" ? RandomPatch : null;
    }
}
