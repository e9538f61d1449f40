namespace VmatTracker.Web.Security;

/// <summary>
/// What the server accepts from the network, bound from the "VmatTracker" section beside the other server settings
/// (docs/security.md, "Requests from the network").
/// </summary>
public sealed class RequestSafetyOptions
{
    /// <summary>Browser origins ("https://dash.example.org", scheme://host[:port]) allowed besides the server's own.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Host names the server answers to besides loopback, its listen addresses and <see cref="PublicUrl"/>.</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>The address users reach the server at (a reverse proxy's, say); its host and origin are allowed.</summary>
    public string? PublicUrl { get; set; }
}
