using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace VmatTracker.Web.Security;

/// <summary>
/// The server's allowed hosts and origins, built once from its settings and the addresses it listens on (known only once
/// it listens, which is before its first request).
/// </summary>
public sealed class RequestSafety(IServer server, IOptions<RequestSafetyOptions> options)
{
    private readonly Lazy<(AllowedHostSet Hosts, OriginPolicy Origins)> _built = new(() => Build(server, options.Value));

    /// <summary>The Host header names this server answers to.</summary>
    public AllowedHostSet Hosts => _built.Value.Hosts;

    /// <summary>The browser origins allowed besides a request's own.</summary>
    public OriginPolicy Origins => _built.Value.Origins;

    /// <summary>Builds both sets now, so a bad setting stops the start with its message rather than the first request.</summary>
    /// <exception cref="ArgumentException">A configured host, origin or public URL is malformed.</exception>
    public void Validate() => _ = _built.Value;

    private static (AllowedHostSet, OriginPolicy) Build(IServer server, RequestSafetyOptions settings)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var hosts = AllowedHostSet.Build(addresses, settings.PublicUrl, settings.AllowedHosts, MachineNames());
        return (hosts, OriginPolicy.Build(settings.AllowedOrigins, settings.PublicUrl));
    }

    // A server bound to every interface is reached by the machine's name or any of its addresses; an address literal in
    // Host is no DNS rebinding risk, since rebinding needs the attacker's own name in it.
    private static IEnumerable<string> MachineNames()
    {
        yield return Environment.MachineName;
        IEnumerable<string> addresses;
        try
        {
            addresses = NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address.ToString().Split('%')[0])
                .ToList();
        }
        catch (NetworkInformationException)
        {
            addresses = [];
        }

        foreach (var address in addresses)
        {
            yield return address;
        }
    }
}
