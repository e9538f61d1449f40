using VmatTracker.Engine;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Tests.Engine;

public sealed class SeededRandomTests
{
    // PhantomGenerator.CaseSeed(0, 0), checked against an independent SplitMix64 in Python.
    private const ulong PinnedCaseSeed = 3246858695411730098;

    [Fact]
    public void SplitMix64_Seed1234567_MatchesReferenceSequence()
    {
        // Arrange: the published test vector of Vigna's splitmix64.c.
        ulong state = 1234567;

        // Act
        var values = Enumerable.Range(0, 3).Select(_ => SeededRandom.SplitMix64(ref state)).ToArray();

        // Assert
        Assert.Equal([6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL], values);
    }

    [Fact]
    public void CaseSeed_Pinned_StaysStable()
    {
        // Arrange / Act
        var seed = PhantomGenerator.CaseSeed(0, 0);

        // Assert: changing the hash renames every cached phantom, so it is pinned.
        Assert.Equal(PinnedCaseSeed, seed);
    }

    [Fact]
    public void NextNormal_ManyDraws_StandardMoments()
    {
        // Arrange
        var rng = new SeededRandom(5);

        // Act
        var draws = Enumerable.Range(0, 200_000).Select(_ => rng.NextNormal()).ToArray();

        // Assert
        var mean = draws.Average();
        var variance = draws.Select(d => (d - mean) * (d - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
    }

    [Fact]
    public void NextDouble_ManyDraws_InUnitIntervalAndUniform()
    {
        // Arrange
        var rng = new SeededRandom(6);

        // Act
        var draws = Enumerable.Range(0, 100_000).Select(_ => rng.NextDouble()).ToArray();

        // Assert
        Assert.All(draws, d => Assert.InRange(d, 0.0, 1.0 - 1e-17));
        Assert.InRange(draws.Average(), 0.495, 0.505);
    }
}
