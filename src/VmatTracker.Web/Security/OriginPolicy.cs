namespace VmatTracker.Web.Security;

/// <summary>
/// Which browser origins may talk to the server. A browser names the page's origin on every cross-site write and
/// every WebSocket; a request without one comes from a program (the CLI, curl, a script), which no web page can make.
/// </summary>
public sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;

    private OriginPolicy(HashSet<string> allowed) => _allowed = allowed;

    /// <summary>The origins allowed besides the request's own: <paramref name="configured"/> and the public URL's.</summary>
    /// <exception cref="ArgumentException">A configured origin is not scheme://host[:port].</exception>
    public static OriginPolicy Build(IEnumerable<string> configured, string? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var origin in configured)
        {
            allowed.Add(Canonical(origin) ?? throw new ArgumentException(
                $"VmatTracker:AllowedOrigins: '{origin}' is not an origin; write scheme://host[:port], e.g. https://dash.example.org.",
                nameof(configured)));
        }

        if (!string.IsNullOrWhiteSpace(publicUrl))
        {
            var uri = AllowedHostSet.PublicUri(publicUrl);
            allowed.Add(Canonical(uri.GetLeftPart(UriPartial.Authority))!);
        }

        return new OriginPolicy(allowed);
    }

    /// <summary>
    /// True when a request to <paramref name="ownOrigin"/> (scheme://host[:port] as the request was addressed) may
    /// carry <paramref name="origin"/>: none at all, the same origin, or a configured one. "null" (a sandboxed frame,
    /// a file: page, a redirect) is foreign.
    /// </summary>
    public bool Allows(string? origin, string ownOrigin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        var canonical = Canonical(origin);
        return canonical is not null && (canonical == Canonical(ownOrigin) || _allowed.Contains(canonical));
    }

    /// <summary>scheme://host:port in lower case with the port always written, or null when it is not an origin.</summary>
    private static string? Canonical(string origin)
    {
        if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.PathAndQuery is not ("/" or "") || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }

        return $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port}";
    }
}
