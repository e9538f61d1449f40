using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Web.Api;

/// <summary>
/// Every failure under <c>/api</c> answers a JSON problem document, never an HTML page or a stack trace: a body over the
/// endpoint's limit is 413 naming the limit, a failed write (a full disk) or any other exception is 500 with a short
/// reason and the trace id to find it in the server log, and a status without a body (404 for an unknown path) gets
/// one too, before the dashboard's HTML status pages could.
/// </summary>
public sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    /// <summary>Runs the rest of the pipeline for an API request, answering its failures as problems.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ("The request body is too large", LimitOf(context))
                : ("The request could not be read", e.Message));
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is no one to answer.
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogFailure(logger, e, context.Request.Method, context.Request.Path, context.TraceIdentifier);
            var reason = e is IOException or UnauthorizedAccessException
                ? $"The server could not write what was sent: {e.Message}"
                : $"The server failed unexpectedly; the server log has the details under trace id {context.TraceIdentifier}.";
            await WriteAsync(context, StatusCodes.Status500InternalServerError, ("The request failed", reason));
            return;
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentType is null
            && context.Response.ContentLength is null)
        {
            await WriteAsync(context, context.Response.StatusCode, context.Response.StatusCode == StatusCodes.Status404NotFound
                ? ("Not found", $"There is no API endpoint {context.Request.Method} {context.Request.Path}.")
                : ("The request was refused", $"HTTP {context.Response.StatusCode}."));
        }
    }

    private static string LimitOf(HttpContext context) =>
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? string.Create(CultureInfo.InvariantCulture, $"This endpoint accepts at most {CaseLimits.Describe(limit)} ({limit} bytes); send less at a time.")
            : "The body is over the server's limit; send less at a time.";

    private static Task WriteAsync(HttpContext context, int status, (string Title, string Detail) problem)
    {
        context.Response.Clear();
        return Results.Problem(statusCode: status, title: problem.Title, detail: problem.Detail).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed (trace id {TraceId})")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, string path, string traceId);
}
