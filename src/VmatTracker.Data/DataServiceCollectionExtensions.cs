using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VmatTracker.Data.Export;
using VmatTracker.Data.Import;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;

namespace VmatTracker.Data;

/// <summary>Registers the tracking store.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Adds a <see cref="TrackerDbContext"/> factory (a context per operation: Blazor circuits are long-lived and a
    /// context is not thread-safe), the <see cref="RunRecorder"/> (also as <see cref="IRunRecorder"/>), the query services, and a silent
    /// <see cref="IRunEvents"/> unless one is registered already.
    /// </summary>
    public static IServiceCollection AddTrackerData(this IServiceCollection services, TrackerStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddDbContextFactory<TrackerDbContext>(builder => TrackerStore.Configure(builder, options));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRunEvents, SilentRunEvents>();
        services.TryAddSingleton<RunRecorder>();
        services.TryAddSingleton<IRunRecorder>(provider => provider.GetRequiredService<RunRecorder>());
        services.TryAddSingleton<RunQueries>();
        services.TryAddSingleton<RunExporter>();
        services.TryAddSingleton<RunImporter>();
        return services;
    }
}
