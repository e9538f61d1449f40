using System.Text.Json;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>Beyond the written known answers: our permutation against numpy's own, for sizes and seeds that cross
/// the rejection-sampling masks and the MT19937 state refresh (624 outputs).</summary>
public sealed class NumpyRandomStateInteropTests
{
    [Fact]
    public void Permutation_ManySizesAndSeeds_IdenticalToNumpy()
    {
        // Arrange
        var cases = new (int N, long Seed)[] { (1, 0), (2, 1), (23, 42), (74, 123), (100, 4294967295), (257, 7), (1000, 2026) };
        const string script = """
            import json, sys
            import numpy as np
            cases = json.loads(sys.argv[1])
            print(json.dumps([np.random.RandomState(s).permutation(n).tolist() for n, s in cases]))
            """;

        // Act
        var numpy = JsonSerializer.Deserialize<int[][]>(NumpyPython.Run(script, JsonSerializer.Serialize(cases.Select(c => new[] { c.N, c.Seed }))))!;

        // Assert
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(numpy[i], new NumpyRandomState(cases[i].Seed).Permutation(cases[i].N));
        }
    }
}
