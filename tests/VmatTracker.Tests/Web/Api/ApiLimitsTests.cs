using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace VmatTracker.Tests.Web.Api;

/// <summary>Body and config limits, and JSON problems for every API failure, on the real Kestrel server.</summary>
public sealed class ApiLimitsTests : IAsyncLifetime
{
    private readonly VmatAppFactory _factory = new();
    private readonly HttpClient _http = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _http.BaseAddress = _factory.Address;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("/api/ingest/runs", 2, "1 MiB")]
    [InlineData("/api/ingest/runs/1/metrics", 17, "16 MiB")]
    public async Task Post_BodyOverTheEndpointsLimit_413ProblemNamingTheLimit(string path, int mebibytes, string limit)
    {
        // Arrange
        using var content = new StringContent("\"" + new string('x', mebibytes << 20) + "\"", Encoding.UTF8, "application/json");

        // Act: "Expect: 100-continue", so the client waits for the refusal instead of writing into a closed connection.
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await _http.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"at most {limit}", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ConfigWithThousandsOfKeys_400NamingConfig()
    {
        // Arrange: 5,000 keys in 80 kB, under the body limit.
        var keys = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"k{i}\":1"));
        using var content = new StringContent("{\"experiment\":\"e\",\"name\":\"n\",\"config\":{" + keys + "}}", Encoding.UTF8, "application/json");

        // Act
        using var response = await _http.PostAsync("/api/ingest/runs", content, Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("config: more than 2000 keys", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownApiPath_404ProblemNotTheDashboardsPage()
    {
        // Act
        using var response = await _http.GetAsync("/api/no-such-thing", Token);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GET /api/no-such-thing", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }
}
