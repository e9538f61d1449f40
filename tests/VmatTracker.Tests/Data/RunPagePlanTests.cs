using Microsoft.EntityFrameworkCore;
using VmatTracker.Data.Queries;

namespace VmatTracker.Tests.Data;

/// <summary>
/// The run list's two plans (per-run conditions walking the sort index, and set membership over the value indexes)
/// must give the same pages; each case is checked under both and under the automatic choice.
/// </summary>
public sealed class RunPagePlanTests(QueryStore shared) : IClassFixture<QueryStore>
{
    private const string IssueFilter =
        """params.use_structure_weighted = true and metrics."val/mae_gy".min < 3 and (params.seed = 42 or tags.site = "prostate")""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string?, string?, int, int, string, int> Pages => new()
    {
        // filter, sort, skip, take, expected names, expected total
        { IssueFilter, "metrics.\"val/mae_gy\".min", 0, 1, "sw42", 1 },
        { null, "metrics.\"val/mae_gy\".min", 0, 2, "base123,sw42", 5 },
        { null, "metrics.\"val/mae_gy\".min", 3, 2, "base42,nometrics", 5 },
        { null, "-metrics.\"val/mae_gy\".min", 4, 1, "nometrics", 5 },
        { null, "-metrics.\"val/mae_gy\".min", 1, 1, "sw123", 5 },
        { "params.use_structure_weighted = true", "metrics.\"val/mae_gy\".last", 0, 3, "sw42,sw123,nometrics", 3 },
        { "params.use_structure_weighted = true", "metrics.\"val/mae_gy\".last", 2, 1, "nometrics", 3 },
        { "not (params.seed = 42 or tags.site = \"lung\")", "-metrics.\"val/mae_gy\".max", 0, 1, "sw123", 2 },
        { "not (params.seed = 42 or tags.site = \"lung\")", "-metrics.\"val/mae_gy\".max", 1, 1, "base123", 2 },
        { "params.loss contains \"sw\" and metrics.\"val/mae_gy\".min != null", "metrics.\"val/mae_gy\".min", 1, 5, "sw123", 2 },
        { "metrics.\"val/mae_gy\".min = null or tags.site = \"head-neck\"", null, 0, 1, "nometrics", 2 },
        { "metrics.\"val/mae_gy\".min = null or tags.site = \"head-neck\"", null, 1, 1, "base123", 2 },
        { "params.base_channels = 48", "created", 1, 2, "sw123,base42", 5 },
        { "params.base_channels = 48", "-id", 0, 1, "nometrics", 5 },
        { "params.seed = 42", "status", 0, 5, "sw42,base42", 2 },
        { "params.seed >= 42 and not metrics.\"val/mae_gy\".last > 3.6", "name", 0, 5, "base123,sw123,sw42", 3 },
        { "params.base_channels = 48", "metrics.\"val/mae_gy\".min", 10, 5, "", 5 },
        { "tags.site = \"mars\"", "metrics.\"val/mae_gy\".min", 0, 5, "", 0 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ReadAsync_EveryPlan_ReturnsThePageAndTotal(string? filter, string? sort, int skip, int take,
        string expected, int total)
    {
        // Arrange
        var query = new RunListQuery { Filter = filter, Sort = sort, Skip = skip, Take = take };
        var names = shared.Ids.ToDictionary(p => p.Value, p => p.Key);
        await using var context = shared.Store.NewContext();

        foreach (var plan in Enum.GetValues<RunPagePlan>())
        {
            // Act
            var (ids, count) = await RunPageReader.ReadAsync(context, query, Token, plan);

            // Assert
            Assert.Equal(expected, string.Join(',', ids.Select(id => names[id])));
            Assert.Equal(total, count);
        }
    }

    [Theory]
    [InlineData(IssueFilter)]
    [InlineData("params.loss != 'mse' or tags.owner != null")]
    [InlineData("not (metrics.\"val/mae_gy\".max <= 4 and params.seed = 123)")]
    [InlineData("tags.site contains \"pro\" and not metrics.\"val/mae_gy\".last = null")]
    [InlineData("params.use_structure_weighted = false or (experiment = structure_weighted and params.seed < 100)")]
    public void Translate_PerRunAndAsSets_SelectTheSameRuns(string filter)
    {
        // Arrange
        var node = FilterParser.Parse(filter);
        using var context = shared.Store.NewContext();

        // Act
        var perRun = context.Runs.Where(RunFilterTranslator.Translate(node)).Select(r => r.Id).OrderBy(id => id).ToList();
        var asSets = context.Runs.Where(RunFilterTranslator.Translate(node, RunFilterSets.Of(context)))
            .Select(r => r.Id).OrderBy(id => id).ToList();

        // Assert
        Assert.NotEmpty(perRun);
        Assert.Equal(perRun, asSets);
    }

    [Fact]
    public void Translate_PerRun_SeeksEachConditionInsteadOfExists()
    {
        // Arrange: SQLite turns a top-level EXISTS into a join and, without statistics, drives it from the
        // (Key, value, RunId) index, scanning every run's row once per run; the per-run shape must avoid EXISTS.
        var node = FilterParser.Parse(IssueFilter);
        using var context = shared.Store.NewContext();

        // Act
        var perRun = context.Runs.Where(RunFilterTranslator.Translate(node)).ToQueryString();
        var asSets = context.Runs.Where(RunFilterTranslator.Translate(node, RunFilterSets.Of(context))).ToQueryString();

        // Assert
        Assert.DoesNotContain("EXISTS", perRun, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("LIMIT 1", perRun, StringComparison.Ordinal);
        Assert.DoesNotContain("EXISTS", asSets, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4, asSets.Split("\"Id\" IN (").Length - 1);
    }
}
