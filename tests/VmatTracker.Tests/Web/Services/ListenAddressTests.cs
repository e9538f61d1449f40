using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web.Services;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://localhost:5185", true)]
    [InlineData("http://127.0.0.1:41234", true)]
    [InlineData("http://[::1]:5185", true)]
    [InlineData("https://LOCALHOST:7001/", true)]
    [InlineData("http://0.0.0.0:5185", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://192.168.1.20:5185", false)]
    [InlineData("http://tracker.example.org:80", false)]
    public void IsLoopback_Address_OnlyThisMachine(string address, bool expected)
    {
        // Act
        var loopback = ListenAddress.IsLoopback(address);

        // Assert
        Assert.Equal(expected, loopback);
    }
}
