using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>Known answers from numpy and the reference (reference-spec 1.7), written in the foundation issue.</summary>
public sealed class DataSplitTests
{
    [Fact]
    public void Permutation_Seed42Of10_MatchesNumpy()
    {
        // Act
        var permutation = new NumpyRandomState(42).Permutation(10);

        // Assert: np.random.RandomState(42).permutation(10)
        Assert.Equal([8, 1, 5, 0, 7, 2, 9, 4, 3, 6], permutation);
    }

    [Fact]
    public void NextDouble_Seed42_MatchesNumpyFirstRand()
    {
        // Act
        var first = new NumpyRandomState(42).NextDouble();

        // Assert: np.random.RandomState(42).rand()
        Assert.Equal(0.3745401188473625, first, 15);
    }

    [Fact]
    public void FromSeed_PilotDataset23Cases_MatchesReferenceTestAndValidation()
    {
        // Arrange: case_0001..case_0024 without case_0013
        var ids = Enumerable.Range(1, 24).Where(i => i != 13).Select(i => $"case_{i:0000}").ToArray();

        // Act
        var split = DataSplit.FromSeed(ids, 42);

        // Assert
        Assert.Equal(["case_0021", "case_0007"], split.Test);
        Assert.Equal(["case_0011", "case_0016"], split.Validation);
        Assert.Equal(19, split.Train.Count);
        Assert.Empty(split.Train.Intersect(split.Test.Concat(split.Validation)));
    }

    [Fact]
    public void FromSeed_74Cases_TestIndicesMatchReference()
    {
        // Arrange
        var ids = Enumerable.Range(0, 74).Select(i => $"c{i:000}").ToArray();

        // Act
        var split = DataSplit.FromSeed(ids, 42);

        // Assert: indices into the sorted list
        Assert.Equal(new[] { 2, 14, 20, 23, 51, 60, 71 }, split.Test.Select(id => int.Parse(id[1..])).Order());
        Assert.Equal(new[] { 1, 21, 29, 37, 43, 52, 68 }, split.Validation.Select(id => int.Parse(id[1..])).Order());
        Assert.Equal(60, split.Train.Count);
    }

    [Theory]
    [InlineData(123, new[] { 17, 25, 32, 46, 47, 57, 66 })]
    [InlineData(456, new[] { 27, 28, 37, 42, 43, 45, 60 })]
    public void FromSeed_74CasesOtherSeeds_TestIndicesMatchReference(int seed, int[] expected)
    {
        // Arrange
        var ids = Enumerable.Range(0, 74).Select(i => $"c{i:000}").ToArray();

        // Act
        var split = DataSplit.FromSeed(ids, seed);

        // Assert
        Assert.Equal(expected, split.Test.Select(id => int.Parse(id[1..])).Order());
    }

    [Fact]
    public void FromSeed_UnsortedInput_SortsOrdinallyLikePython()
    {
        // Arrange: ordinal order puts upper case before lower case, as Python's sorted() does
        var ids = new[] { "b", "a", "C", "d", "e" };

        // Act
        var shuffled = DataSplit.FromSeed(ids, 1);
        var sorted = DataSplit.FromSeed(ids.Order(StringComparer.Ordinal), 1);

        // Assert
        Assert.Equal(sorted.Train, shuffled.Train);
        Assert.Equal(sorted.Validation, shuffled.Validation);
        Assert.Equal(sorted.Test, shuffled.Test);
        Assert.Equal(5, shuffled.Train.Count + shuffled.Validation.Count + shuffled.Test.Count);
    }

    [Fact]
    public void ToJson_Split_HasTrainValTestKeys()
    {
        // Arrange
        var split = DataSplit.FromSeed(["a", "b", "c"], 0);

        // Act
        var json = split.ToJson();

        // Assert
        Assert.StartsWith("{\"train\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"val\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"test\":[", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromLockFile_UnknownCase_NamesFileAndCase()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"split-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"train":["a","b"],"val":["c"],"test":["zz"]}""");

        try
        {
            // Act
            var error = Assert.Throws<InvalidDataException>(() => DataSplit.FromLockFile(path, ["a", "b", "c"]));

            // Assert
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("'zz'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromLockFile_ValidFile_RoundTrips()
    {
        // Arrange
        var original = DataSplit.FromSeed(Enumerable.Range(0, 12).Select(i => $"case_{i:0000}"), 7);
        var path = Path.Combine(Path.GetTempPath(), $"split-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, original.ToJson());

        try
        {
            // Act
            var locked = DataSplit.FromLockFile(path, original.Train.Concat(original.Validation).Concat(original.Test));

            // Assert
            Assert.Equal(original.Train, locked.Train);
            Assert.Equal(original.Validation, locked.Validation);
            Assert.Equal(original.Test, locked.Test);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
