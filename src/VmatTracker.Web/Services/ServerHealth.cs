namespace VmatTracker.Web.Services;

/// <summary>
/// What the layout's banners report about the server itself (singleton): whether the tracking database could be
/// opened and migrated, and which addresses the server listens on. Written once at start-up; read by every page.
/// </summary>
public sealed class ServerHealth
{
    private volatile string? _databaseProblem;
    private volatile IReadOnlyList<string> _listenAddresses = [];

    /// <summary>Why the tracking database cannot be used (null when it is ready or not yet tried).</summary>
    public string? DatabaseProblem => _databaseProblem;

    /// <summary>The addresses the server listens on, once it does.</summary>
    public IReadOnlyList<string> ListenAddresses => _listenAddresses;

    /// <summary>The listen addresses other machines can reach (not loopback).</summary>
    public IReadOnlyList<string> PublicAddresses => [.. _listenAddresses.Where(a => !ListenAddress.IsLoopback(a))];

    /// <summary>Records that the database cannot be used, and why.</summary>
    public void DatabaseFailed(string problem) => _databaseProblem = problem;

    /// <summary>Records the addresses the server listens on.</summary>
    public void Listening(IEnumerable<string> addresses) => _listenAddresses = [.. addresses];
}
