using VmatTracker.Engine.Statistics;

namespace VmatTracker.Tests.Engine.Statistics;

public sealed class HolmBonferroniTests
{
    [Fact]
    public void Adjust_IssueExample_Gives003_006_006()
    {
        // Act
        var adjusted = HolmBonferroni.Adjust([0.01, 0.04, 0.03]);

        // Assert: 3·0.01; 2·0.03; max(0.06, 1·0.04), in the order given.
        Assert.Equal(0.03, adjusted[0], 12);
        Assert.Equal(0.06, adjusted[1], 12);
        Assert.Equal(0.06, adjusted[2], 12);
    }

    [Fact]
    public void Adjust_LargeProducts_AreCappedAtOne()
    {
        var adjusted = HolmBonferroni.Adjust([0.5, 0.6]);

        Assert.Equal([1.0, 1.0], adjusted);
    }

    [Fact]
    public void Adjust_SingleTest_IsUnchanged()
    {
        Assert.Equal([0.0391], HolmBonferroni.Adjust([0.0391]));
    }

    [Fact]
    public void Adjust_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => HolmBonferroni.Adjust([0.1, 1.5]));
        Assert.Throws<ArgumentException>(() => HolmBonferroni.Adjust([double.NaN]));
    }
}
