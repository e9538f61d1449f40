using System.Net;
using VmatTracker.Web.Services;

namespace VmatTracker.Web.Security;

/// <summary>
/// The host names a request's Host header may carry. Never "anything": a page on another site that points its own name
/// at 127.0.0.1 (DNS rebinding) would otherwise be served as if it were this server's page.
/// </summary>
public sealed class AllowedHostSet
{
    private static readonly string[] s_loopback = ["127.0.0.1", "::1", "localhost"];
    private readonly HashSet<string> _hosts;

    private AllowedHostSet(HashSet<string> hosts) => _hosts = hosts;

    /// <summary>The allowed names, bracket-free and lower case, sorted.</summary>
    public IReadOnlyList<string> Hosts => [.. _hosts.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Loopback, the hosts of <paramref name="listenAddresses"/> (a wildcard bind such as 0.0.0.0, [::], * or + adds
    /// <paramref name="machineNames"/>: the machine's name and its interface addresses), the host of
    /// <paramref name="publicUrl"/> and <paramref name="configured"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A configured host is "*" or empty, or the public URL is not absolute.</exception>
    public static AllowedHostSet Build(IEnumerable<string> listenAddresses, string? publicUrl, IEnumerable<string> configured,
        IEnumerable<string> machineNames)
    {
        ArgumentNullException.ThrowIfNull(listenAddresses);
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(machineNames);
        var names = machineNames.ToList();
        var hosts = new HashSet<string>(s_loopback, StringComparer.Ordinal);
        foreach (var address in listenAddresses)
        {
            var host = ListenAddress.HostOf(address);
            if (IsWildcard(host))
            {
                hosts.UnionWith(names.Select(Normalize));
            }
            else if (host.Length > 0)
            {
                hosts.Add(Normalize(host));
            }
        }

        if (!string.IsNullOrWhiteSpace(publicUrl))
        {
            hosts.Add(Normalize(PublicUri(publicUrl).Host));
        }

        foreach (var host in configured)
        {
            if (string.IsNullOrWhiteSpace(host) || host.Contains('*', StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"VmatTracker:AllowedHosts: '{host}' is not a host name; list each name the server is reached by (no wildcards).",
                    nameof(configured));
            }

            hosts.Add(Normalize(host));
        }

        return new AllowedHostSet(hosts);
    }

    /// <summary>The public URL as an absolute http(s) URI.</summary>
    /// <exception cref="ArgumentException">It is not one.</exception>
    public static Uri PublicUri(string publicUrl)
    {
        if (Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        throw new ArgumentException(
            $"VmatTracker:PublicUrl: '{publicUrl}' is not an absolute http:// or https:// address.", nameof(publicUrl));
    }

    /// <summary>True when <paramref name="host"/> (a Host header's host part, brackets allowed) is one of ours.</summary>
    public bool Allows(string host) => host.Length > 0 && _hosts.Contains(Normalize(host));

    private static bool IsWildcard(string host) => host is "*" or "+" or "0.0.0.0" or "::"
        || (IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    private static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
