using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace VmatTracker.Web.Services;

/// <summary>
/// Once the server listens, records its addresses in <see cref="ServerHealth"/> and warns in the log when any of them
/// can be reached from another machine: there are no accounts yet, so anyone who can connect can start and delete runs.
/// </summary>
public sealed partial class ListenAddressCheck(IServer server, IHostApplicationLifetime lifetime, ServerHealth health,
    ILogger<ListenAddressCheck> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        health.Listening(addresses);
        foreach (var address in health.PublicAddresses)
        {
            LogPublic(logger, address);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on {Address}, which other machines can reach; VmatTracker has no accounts yet, so anyone who can connect can start, stop and delete runs. Bind to localhost (the default) unless the network is trusted.")]
    private static partial void LogPublic(ILogger logger, string address);
}
