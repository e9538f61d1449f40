using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace VmatTracker.Tests.Web.Security;

/// <summary>Hostile Host and Origin headers against the real Kestrel server: the hub, the Blazor circuit, the API.</summary>
public sealed class RequestSafetyServerTests : IAsyncLifetime
{
    private const string Evil = "http://evil.example";
    private const string Trusted = "https://notebook.lab.example";
    private readonly VmatAppFactory _factory = new(new Dictionary<string, string?>
    {
        ["VmatTracker:AllowedOrigins:0"] = Trusted,
        ["VmatTracker:AllowedHosts:0"] = "dose.lab.example",
        ["VmatTracker:PublicUrl"] = "https://tracker.lab.example/",
    });

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
    [InlineData(null, WebSocketState.Open)]
    [InlineData("own", WebSocketState.Open)]
    [InlineData(Trusted, WebSocketState.Open)]
    [InlineData("https://tracker.lab.example", WebSocketState.Open)]
    [InlineData(Evil, WebSocketState.Closed)]
    [InlineData("null", WebSocketState.Closed)]
    public async Task HubWebSocket_ByOrigin_AcceptedOnlyWithoutOneOrFromOurOwnOrAConfiguredOrigin(string? origin, WebSocketState expected)
    {
        // Arrange: a raw WebSocket to the hub, as a page on another site would open it (no negotiation needed).
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin == "own" ? OwnOrigin : origin);
        }

        var hub = new UriBuilder(new Uri(_factory.Address, "/hubs/runs")) { Scheme = "ws" }.Uri;

        // Act
        var error = await Record.ExceptionAsync(() => socket.ConnectAsync(hub, Token));

        // Assert
        if (expected == WebSocketState.Open)
        {
            Assert.Null(error);
            Assert.Equal(WebSocketState.Open, socket.State);
        }
        else
        {
            Assert.IsType<WebSocketException>(error);
            Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        }
    }

    [Theory]
    [InlineData("/hubs/runs/negotiate?negotiateVersion=1")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    [InlineData("/api/ingest/runs")]
    [InlineData("/api/runs")]
    public async Task Post_WithAForeignOrigin_403AndNothingDone(string path)
    {
        // Arrange
        using var request = Json(HttpMethod.Post, path, """{"experiment":"from-evil","name":"x"}""");
        request.Headers.Add("Origin", Evil);

        // Act
        using var response = await _http.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("evil.example", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var runs = await _http.GetAsync("/api/runs", Token);
        Assert.DoesNotContain("from-evil", await runs.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("own")]
    [InlineData(Trusted)]
    public async Task IngestCreate_WithoutOriginOrFromAnAllowedOne_Created(string? origin)
    {
        // Arrange: the CLI and scripts send no Origin; the dashboard's own pages send theirs.
        using var request = Json(HttpMethod.Post, "/api/ingest/runs", """{"experiment":"safety","name":"ok"}""");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin == "own" ? OwnOrigin : origin);
        }

        // Act
        using var response = await _http.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("evil.example", "/", HttpStatusCode.BadRequest)]
    [InlineData("evil.example", "/api/runs", HttpStatusCode.BadRequest)]
    [InlineData("127.0.0.1.nip.io", "/api/runs", HttpStatusCode.BadRequest)]
    [InlineData("localhost", "/api/runs", HttpStatusCode.OK)]
    [InlineData("[::1]", "/api/runs", HttpStatusCode.OK)]
    [InlineData("dose.lab.example", "/api/runs", HttpStatusCode.OK)]
    [InlineData("tracker.lab.example", "/api/runs", HttpStatusCode.OK)]
    public async Task Get_ByHostHeader_OnlyOurNamesAnswered(string host, string path, HttpStatusCode expected)
    {
        // Arrange: a DNS-rebinding page reaches 127.0.0.1 under its own name, which the Host header carries.
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"{host}:{_factory.Address.Port}";

        // Act
        using var response = await _http.SendAsync(request, Token);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest && path.StartsWith("/api", StringComparison.Ordinal))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"the host '{host}'", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Post_WithASpoofedHost_400BeforeAnythingIsWritten()
    {
        // Arrange
        using var request = Json(HttpMethod.Post, "/api/ingest/runs", """{"experiment":"rebound","name":"x"}""");
        request.Headers.Host = "evil.example";

        // Act
        using var response = await _http.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var runs = await _http.GetAsync("/api/runs", Token);
        Assert.DoesNotContain("rebound", await runs.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    private string OwnOrigin => _factory.Address.GetLeftPart(UriPartial.Authority);

    private static HttpRequestMessage Json(HttpMethod method, string path, string body) =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
