using Microsoft.AspNetCore.Http.Metadata;

namespace VmatTracker.Web.Api;

/// <summary>
/// An endpoint's request body limit, read by routing before the handler runs: a body over it is refused with 413 (by
/// <see cref="ApiErrorMiddleware"/>) as soon as its length is declared or read, never buffered whole.
/// </summary>
internal sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    /// <summary>1 MiB: run creation, tags, checkpoints, artifacts, status changes; a reference config is 3 kB.</summary>
    public static BodyLimit Default { get; } = new(1L << 20);

    /// <summary>16 MiB: a metrics batch (about 200,000 points) or an evaluation document with every case's values.</summary>
    public static BodyLimit Bulk { get; } = new(16L << 20);
}
