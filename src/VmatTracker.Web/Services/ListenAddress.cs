using System.Net;

namespace VmatTracker.Web.Services;

/// <summary>Tells loopback listen addresses ("http://localhost:5185", "http://127.0.0.1:0", "http://[::1]:80") from ones
/// other machines can reach ("http://0.0.0.0:80", "http://[::]:8080", "http://*:80", "http://+:80", a LAN address).</summary>
public static class ListenAddress
{
    /// <summary>True when only this machine can connect to <paramref name="address"/>.</summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var host = HostOf(address);
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>The host part of a listen address, without brackets or port ("0.0.0.0", "::", "*", "localhost").</summary>
    public static string HostOf(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var start = address.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? address : address[(start + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            rest = rest[..slash];
        }

        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? rest[1..close] : rest;
        }

        var colon = rest.LastIndexOf(':');
        return colon >= 0 ? rest[..colon] : rest;
    }
}
