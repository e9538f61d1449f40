using System.Text.Json;
using VmatTracker.Runs.Remote;

namespace VmatTracker.Web.Api;

/// <summary>The API's error answers: RFC 9457 problem details, a 400 naming the field and the problem.</summary>
internal static class ApiProblems
{
    /// <summary>400: <paramref name="field"/> has <paramref name="problem"/> (in <c>detail</c> and under <c>errors</c>).</summary>
    public static IResult BadField(string field, string problem) => Results.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [problem] }, detail: $"{field}: {problem}", title: "The request has a problem");

    /// <summary>400 with several fields' problems.</summary>
    public static IResult BadFields(IReadOnlyList<(string Field, string Problem)> problems) => Results.ValidationProblem(
        problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
        detail: string.Join("; ", problems.Select(p => $"{p.Field}: {p.Problem}")), title: "The request has problems");

    /// <summary>404: no run <paramref name="runId"/>.</summary>
    public static IResult UnknownRun(long runId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown run", detail: $"There is no run {runId}.");

    /// <summary>409: the request does not fit the run's state.</summary>
    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The run's state does not allow this", detail: detail);

    /// <summary>
    /// Reads the JSON body as <typeparamref name="T"/>; on failure, the 400 to answer (naming the JSON path of the
    /// problem, or "body" when there is none).
    /// </summary>
    public static async Task<(T? Body, IResult? Problem)> ReadBodyAsync<T>(HttpRequest request, bool required = true)
        where T : class
    {
        if (NotJson(request) is { } notJson)
        {
            return (null, notJson);
        }

        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return required ? (null, BadField("body", "a JSON body is required")) : (null, null);
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, IngestJson.Options, request.HttpContext.RequestAborted);
            return body is null && required ? (null, BadField("body", "a JSON object is required, not null")) : (body, null);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, BadField(path, $"not valid here: {FirstLine(e.Message)}"));
        }
    }

    /// <summary>
    /// 415 unless the request says its body is JSON. Every write demands it, with or without a body: a web page on
    /// another site can make a browser send a plain-text or form POST to this (local) server without asking, but not
    /// one that claims to be JSON, so no page the user visits can start or write runs.
    /// </summary>
    public static IResult? NotJson(HttpRequest request) => request.HasJsonContentType()
        ? null
        : Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "JSON required",
            detail: "Content-Type: the request must be sent as application/json (an empty body is {}).");

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
