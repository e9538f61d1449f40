using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class RunsViewTests
{
    [Fact]
    public void FromAddress_ItsOwnHref_ReadsBackTheSameView()
    {
        // Arrange
        var view = new RunsView
        {
            Filter = "params.seed = 42 and metrics.\"val/mae_gy\".min < 3",
            SortKey = "metrics.\"val/mae_gy\".min",
            Descending = true,
            Page = 3,
            PageSize = 100,
            ShowArchived = true,
            Columns = ["param:seed", "metric:val/mae_gy:min"],
        };

        // Act
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x/" + view.Href).Query);
        var read = RunsView.FromAddress(query["filter"], query["sort"], query["page"], query["size"], query["archived"], query["cols"].ToArray()!);

        // Assert
        Assert.Equal(view.Filter, read.Filter);
        Assert.Equal((view.SortKey, true, 3, 100, true), (read.SortKey, read.Descending, read.Page, read.PageSize, read.ShowArchived));
        Assert.Equal(view.Columns, read.Columns);
    }

    [Fact]
    public void Href_Defaults_IsThePlainAddress()
    {
        // Act / Assert
        Assert.Equal("runs", new RunsView().Href);
        Assert.Equal("runs?page=2", new RunsView { Page = 2 }.Href);
    }

    [Theory]
    [InlineData("x", "7", 1, 50)]
    [InlineData("0", "500", 1, 500)]
    [InlineData("-2", "1000000", 1, 50)]
    [InlineData("4", "100", 4, 100)]
    public void FromAddress_PageAndSize_NonsenseFallsBackToTheDefaults(string page, string size, int expectedPage, int expectedSize)
    {
        // Act
        var view = RunsView.FromAddress(null, null, page, size, null, null);

        // Assert
        Assert.Equal((expectedPage, expectedSize), (view.Page, view.PageSize));
    }

    [Fact]
    public void FromAddress_ColumnsMarkerAlone_NoColumnsNotTheDefaults()
    {
        // Act
        var none = RunsView.FromAddress(null, null, null, null, null, [""]);
        var unset = RunsView.FromAddress(null, null, null, null, null, null);

        // Assert
        Assert.Empty(none.ShownColumns);
        Assert.Equal(RunsView.DefaultColumns, unset.ShownColumns);
    }

    [Fact]
    public void SortedBy_SameKeyThreeTimes_AscendingDescendingThenNone()
    {
        // Arrange
        var view = new RunsView { Page = 5 };

        // Act
        var first = view.SortedBy("name");
        var second = first.SortedBy("name");
        var third = second.SortedBy("name");

        // Assert: each resets to the first page.
        Assert.Equal(("name", false, 1), (first.SortKey, first.Descending, first.Page));
        Assert.Equal("-name", second.StoreSort);
        Assert.Null(third.StoreSort);
        Assert.Equal("runs?sort=name", view.SortedBy("name").Href);
    }
}
