namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// numpy's legacy <c>RandomState</c> (MT19937) for the two draws the reference's split needs: seeding with an integer
/// (init_genrand) and <c>permutation(n)</c> (Fisher-Yates from the top, with masked rejection sampling of 32-bit
/// outputs). Matching it bit for bit keeps our splits identical to the reference's.
/// </summary>
public sealed class NumpyRandomState
{
    private const int StateSize = 624;
    private const int ShiftSize = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[StateSize];
    private int _position;

    /// <summary>Seeds like <c>np.random.RandomState(seed)</c> with an integer seed in [0, 2^32).</summary>
    public NumpyRandomState(long seed)
    {
        if (seed is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "numpy seeds must be between 0 and 2**32 - 1");
        }

        _state[0] = (uint)seed;
        for (var i = 1; i < StateSize; i++)
        {
            _state[i] = (1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i;
        }

        _position = StateSize;
    }

    /// <summary>The next raw 32-bit output of the generator.</summary>
    public uint NextUInt32()
    {
        if (_position >= StateSize)
        {
            Regenerate();
        }

        var y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A double in [0, 1) with 53 random bits, as numpy's <c>random_sample()</c>.</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) / 9007199254740992.0;
    }

    /// <summary>As <c>RandomState.permutation(n)</c>: a shuffled 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var values = new int[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = i;
        }

        for (var i = n - 1; i >= 1; i--)
        {
            var j = (int)BoundedUInt32((uint)i);
            (values[i], values[j]) = (values[j], values[i]);
        }

        return values;
    }

    private uint BoundedUInt32(uint max)
    {
        // numpy's legacy random_interval: mask to the smallest all-ones value >= max, reject above max.
        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    private void Regenerate()
    {
        for (var i = 0; i < StateSize; i++)
        {
            var y = (_state[i] & UpperMask) | (_state[(i + 1) % StateSize] & LowerMask);
            var next = _state[(i + ShiftSize) % StateSize] ^ (y >> 1);
            _state[i] = (y & 1) == 0 ? next : next ^ MatrixA;
        }

        _position = 0;
    }
}
