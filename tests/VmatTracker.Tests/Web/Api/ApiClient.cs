using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VmatTracker.Runs.Remote;

namespace VmatTracker.Tests.Web.Api;

/// <summary>Plain HTTP calls to the API, answers read as JSON documents.</summary>
internal static class ApiClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(HttpClient http, HttpMethod method, string path,
        string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, IngestJson.Options,
            TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>The problem document's problems for <paramref name="field"/> (fails when it names no such field).</summary>
    public static string FieldProblem(JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), problem.ToString());
        Assert.True(errors.TryGetProperty(field, out var messages), $"no problem for '{field}' in {problem}");
        return string.Join(" | ", messages.EnumerateArray().Select(m => m.GetString()));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
