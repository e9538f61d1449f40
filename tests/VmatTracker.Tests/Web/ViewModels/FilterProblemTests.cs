using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class FilterProblemTests
{
    [Fact]
    public void Check_MissingValue_NamesThePositionAndMarksIt()
    {
        // Arrange
        const string filter = "params.seed = ";

        // Act
        var problem = FilterProblem.Check(filter);

        // Assert
        Assert.NotNull(problem);
        Assert.StartsWith("at position 15:", problem.Message, StringComparison.Ordinal);
        Assert.Equal(14, problem.Position);
        Assert.Equal(filter + "\n" + new string(' ', 14) + "^", problem.Marked);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("params.seed = 42 and metrics.\"val/mae_gy\".min < 3")]
    public void Check_EmptyOrValid_NoProblem(string? filter) => Assert.Null(FilterProblem.Check(filter));
}
