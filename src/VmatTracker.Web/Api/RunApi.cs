using System.Text.Json.Serialization;
using VmatTracker.Web.Api;
using VmatTracker.Web.Hubs;

// In the root namespace, beside AddVmatTracker, so Program.cs and the composition root need no extra using.
#pragma warning disable IDE0130
namespace VmatTracker.Web;
#pragma warning restore IDE0130

/// <summary>The HTTP API and the SignalR hub for clients outside the dashboard (docs/api.md).</summary>
public static class RunApi
{
    /// <summary>Registers what the API and the hub need: SignalR, the hub bridge, JSON that carries NaN.</summary>
    public static IServiceCollection AddRunApi(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddHostedService<RunHubBridge>();
        // Metric series may hold NaN and infinities (stored and flagged); they are written as "NaN", "Infinity".
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return services;
    }

    /// <summary>Maps <c>/api/...</c> and the hub at <see cref="RunsHub.Path"/>.</summary>
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder endpoints)
    {
        RunQueryEndpoints.Map(endpoints);
        RunStartEndpoint.Map(endpoints);
        IngestEndpoints.Map(endpoints);
        endpoints.MapHub<RunsHub>(RunsHub.Path);
        return endpoints;
    }
}
