using VmatTracker.Web.Security;

namespace VmatTracker.Tests.Web.Security;

public sealed class AllowedHostSetTests
{
    [Theory]
    [InlineData("http://localhost:5185", "localhost", true)]
    [InlineData("http://localhost:5185", "LOCALHOST.", true)]
    [InlineData("http://localhost:5185", "[::1]", true)]
    [InlineData("http://localhost:5185", "dosebox", false)]
    [InlineData("http://0.0.0.0:5185", "dosebox", true)]
    [InlineData("http://0.0.0.0:5185", "10.1.2.3", true)]
    [InlineData("http://[::]:5185", "10.1.2.3", true)]
    [InlineData("http://*:5185", "evil.example", false)]
    [InlineData("http://192.168.4.7:5185", "192.168.4.7", true)]
    [InlineData("http://192.168.4.7:5185", "", false)]
    public void Allows_ByListenAddress(string listen, string host, bool expected)
    {
        // Arrange
        var set = AllowedHostSet.Build([listen], publicUrl: null, configured: [], machineNames: ["dosebox", "10.1.2.3"]);

        // Act
        var allowed = set.Allows(host);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Fact]
    public void Build_PublicUrlAndConfiguredHosts_BothAllowed()
    {
        // Arrange
        var set = AllowedHostSet.Build(["http://127.0.0.1:5000"], "https://Tracker.Lab.example/dash", ["dose.lab.example"], []);

        // Act
        var hosts = set.Hosts;

        // Assert
        Assert.Equal(["127.0.0.1", "::1", "dose.lab.example", "localhost", "tracker.lab.example"], hosts);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*.lab.example")]
    [InlineData(" ")]
    public void Build_WildcardOrEmptyConfiguredHost_RefusedNamingTheSetting(string host)
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => AllowedHostSet.Build([], null, [host], []));

        // Assert
        Assert.StartsWith("VmatTracker:AllowedHosts:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("http://127.0.0.1:5185", true)]
    [InlineData("HTTP://127.0.0.1:5185", true)]
    [InlineData("http://127.0.0.1:5186", false)]
    [InlineData("https://127.0.0.1:5185", false)]
    [InlineData("null", false)]
    [InlineData("https://notebook.lab.example", true)]
    [InlineData("https://notebook.lab.example:443", true)]
    [InlineData("http://notebook.lab.example", false)]
    public void OriginPolicy_Allows_OwnConfiguredOrNone(string? origin, bool expected)
    {
        // Arrange
        var policy = OriginPolicy.Build(["https://notebook.lab.example"], publicUrl: null);

        // Act
        var allowed = policy.Allows(origin, "http://127.0.0.1:5185");

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("notebook.lab.example")]
    [InlineData("https://notebook.lab.example/path")]
    [InlineData("ftp://notebook.lab.example")]
    public void OriginPolicy_MalformedConfiguredOrigin_RefusedNamingTheSetting(string origin)
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => OriginPolicy.Build([origin], null));

        // Assert
        Assert.StartsWith("VmatTracker:AllowedOrigins:", error.Message, StringComparison.Ordinal);
    }
}
