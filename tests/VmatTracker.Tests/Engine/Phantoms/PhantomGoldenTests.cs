namespace VmatTracker.Tests.Engine.Phantoms;

/// <summary>
/// Pins one case's output so an unintended change to the generator fails here (then bump PhantomGenerator.Version).
/// Mask counts are exact; dose and CT get tolerances because libm's exp/log may differ in the last bit across OSes.
/// </summary>
public sealed class PhantomGoldenTests
{
    // Generator version 1, seed 1, 32x32x32 at 8 mm.
    private const double PinnedDoseSum = 2504.727;
    private const double PinnedCtSum = 12214.11;
    private static readonly int[] s_pinnedCounts = [178, 354, 74, 266, 177, 118, 117, 143];

    [Fact]
    public void Generate_Seed1Small_MatchesPinnedSummary()
    {
        // Arrange / Act
        var volume = PhantomCases.Get(PhantomCases.Small, 1);

        // Assert
        var counts = Enumerable.Range(0, volume.ChannelCount)
            .Select(c => volume.MaskChannel(c).ToArray().Count(v => v != 0)).ToArray();
        Assert.Equal(s_pinnedCounts, counts);
        Assert.Equal(PinnedDoseSum, volume.Dose.Sum(d => (double)d), 1e-3);
        Assert.Equal(PinnedCtSum, volume.Ct.Sum(d => (double)d), 1e-2);
    }

}
