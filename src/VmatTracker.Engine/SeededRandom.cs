namespace VmatTracker.Engine;

/// <summary>
/// xoshiro256** seeded through SplitMix64, with Box-Muller normals. Our own generator rather than System.Random,
/// whose algorithm the runtime may change, so a seed names the same phantom or patch sequence on every .NET version.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareNormal;

    public SeededRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>A seed derived from several numbers (run seed, epoch, batch, …), mixed so that neighbouring inputs give
    /// unrelated streams.</summary>
    public static ulong DeriveSeed(params ReadOnlySpan<ulong> parts)
    {
        var state = 0x9E3779B97F4A7C15UL;
        var result = state;
        foreach (var part in parts)
        {
            state ^= part;
            result = SplitMix64(ref state);
            state ^= result;
        }

        return result;
    }

    /// <summary>One SplitMix64 step: advances <paramref name="state"/> and returns a well-mixed 64-bit value.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = BitRotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Standard normal by Box-Muller; the second value of each pair is kept for the next call.</summary>
    public double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        // 1 − U lies in (0, 1], so the logarithm is finite.
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        var angle = 2.0 * Math.PI * NextDouble();
        _spareNormal = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    private static ulong BitRotateLeft(ulong value, int count) => (value << count) | (value >> (64 - count));
}
