namespace VmatTracker.Web.Security;

/// <summary>
/// First in the pipeline: a request whose Host is not one of ours gets 400 (DNS rebinding), and a WebSocket, a request
/// to the hubs or the Blazor circuit, or any write that carries a foreign browser Origin gets 403 (a page on another site
/// the user visits). Requests with no Origin come from programs (the CLI, curl, scripts) and pass.
/// </summary>
public sealed class RequestSafetyMiddleware(RequestDelegate next, RequestSafety safety)
{
    /// <summary>Checks the request, then hands it on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!safety.Hosts.Allows(request.Host.Host))
        {
            return Refuse(context, StatusCodes.Status400BadRequest, "Unknown host",
                $"This server does not answer to the host '{request.Host.Host}'. Add it to VmatTracker:AllowedHosts (or set "
                + "VmatTracker:PublicUrl) if users reach the server by that name.");
        }

        var origin = request.Headers.Origin.ToString();
        if (NeedsOriginCheck(context) && !safety.Origins.Allows(origin, $"{request.Scheme}://{request.Host}"))
        {
            return Refuse(context, StatusCodes.Status403Forbidden, "Foreign origin",
                $"Requests from pages at '{origin}' are refused. Add the origin to VmatTracker:AllowedOrigins if it is trusted.");
        }

        return next(context);
    }

    private static bool NeedsOriginCheck(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        || context.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);

    private static Task Refuse(HttpContext context, int status, string title, string detail)
    {
        // JSON for the API (its clients read problem documents), plain text for a browser's page requests.
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"{title}: {detail}", context.RequestAborted);
    }
}
