namespace VmatTracker.Runs.Access;

/// <summary>Who asks for a change: a person, an API token acting for one, or the server itself.</summary>
public enum ActorKind
{
    /// <summary>A person at the dashboard or the command line.</summary>
    User,

    /// <summary>A client holding an API token (a script, a remote trainer).</summary>
    Token,

    /// <summary>The server itself (start-up recovery, the worker).</summary>
    System,
}

/// <summary>
/// Who asks for a change. Every command of the application layer takes one, so that the accounts and audit work has one
/// place to authorize and record. On a single-user laptop every request comes from <see cref="LocalUser"/>.
/// </summary>
/// <param name="Kind">What kind of caller.</param>
/// <param name="Name">Its name: the user's, the token's label, or "server".</param>
public sealed record Actor(ActorKind Kind, string Name)
{
    /// <summary>The one person of a single-user server (loopback, no sign-in).</summary>
    public static Actor LocalUser { get; } = new(ActorKind.User, "local user");

    /// <summary>The server itself.</summary>
    public static Actor System { get; } = new(ActorKind.System, "server");

    /// <inheritdoc/>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Name}";
}
