namespace VmatTracker.Tests.Web.EndToEnd;

/// <summary>The end-to-end tests share one server and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<DashboardServerFixture>
{
    public const string Name = "EndToEnd";
}
