using System.Text;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.DataLoading.Numpy.Pickling;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading.Numpy.Pickling;

/// <summary>Untrusted pickles: nothing runs, and the refusal names what the pickle asked for.</summary>
public sealed class NumpyPickleSafetyTests
{
    [Theory]
    [InlineData("os", "system")]
    [InlineData("posix", "system")]
    [InlineData("builtins", "eval")]
    [InlineData("subprocess", "check_call")]
    public void Load_PickleCallingAGlobal_RunsNothingAndNamesIt(string module, string name)
    {
        // Arrange: protocol 0, GLOBAL module.name called with one string argument (REDUCE).
        using var dir = new TempFolder();
        var marker = dir.File("pwned");
        var pickle = Encoding.ASCII.GetBytes($"c{module}\n{name}\n(S'touch {marker}'\ntR.");

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => NumpyPickle.Load(pickle));

        // Assert
        Assert.StartsWith("unreadable pickle: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{module}.{name}", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void ToJson_BareReferenceToOsSystem_IsRefusedAsNotPlainData()
    {
        // Arrange: a dict whose value is the os.system function itself, never called.
        var pickle = Encoding.ASCII.GetBytes("(dp0\nS'cmd'\np1\ncos\nsystem\np2\ns.");
        var loaded = NumpyPickle.Load(pickle);

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => NumpyPickle.ToJson(loaded));

        // Assert
        Assert.Equal("the pickle holds a bare reference to os.system, which is not plain data", error.Message);
    }

    [Fact]
    public void ToJson_ObjectOfUnknownClassBuiltWithoutArguments_IsRefusedNamingTheClass()
    {
        // Arrange: os.system() with no arguments stays an inert placeholder object.
        var pickle = Encoding.ASCII.GetBytes("cos\nsystem\n)R.");
        var loaded = NumpyPickle.Load(pickle);

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => NumpyPickle.ToJson(loaded));

        // Assert
        Assert.Equal("the pickle holds a os.system object, which is not plain data", error.Message);
    }

    [Fact]
    public void Read_CaseWhoseMetadataPickleCallsOsSystem_FailsNamingFileKeyAndGlobal()
    {
        // Arrange
        using var dir = new TempFolder();
        var marker = dir.File("pwned");
        var path = CaseNpzBuilder.Valid().Remove("metadata_json")
            .SetHeaderAndBody("metadata", new NpyHeader(NpyDtype.Object, false, []),
                Encoding.ASCII.GetBytes($"cos\nsystem\n(S'touch {marker}'\ntR."))
            .WriteTo(dir.File("case_0009.npz"));

        // Act
        var error = Assert.Throws<CaseFormatException>(() => CaseFile.Read(path));

        // Assert
        Assert.StartsWith($"{path}: 'metadata': unreadable pickle: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("os.system", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Load_PlainProtocolZeroDict_ConvertsToJsonWithStringKeys()
    {
        // Arrange: {'a': 1, 2: [1.5, True, None], 'nested': {'s': 'x'}} written by hand in protocol 0.
        var pickle = Encoding.ASCII.GetBytes(
            "(dp0\nS'a'\np1\nI1\nsI2\n(lp2\nF1.5\naI01\naNasS'nested'\np3\n(dp4\nS's'\np5\nS'x'\np6\nss.");

        // Act
        var json = NumpyPickle.ToJson(NumpyPickle.Load(pickle))!.ToJsonString();

        // Assert: numeric keys first, then string keys in ordinal order.
        Assert.Equal("""{"2":[1.5,true,null],"a":1,"nested":{"s":"x"}}""", json);
    }

    [Fact]
    public void ToJson_ListThatContainsItself_FailsInsteadOfOverflowingTheStack()
    {
        // Arrange: l = []; l.append(l) in protocol 0 (memo 0 is the list, fetched back into itself).
        var pickle = Encoding.ASCII.GetBytes("(lp0\ng0\na.");
        var loaded = NumpyPickle.Load(pickle);

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => NumpyPickle.ToJson(loaded));

        // Assert
        Assert.Equal("the pickle nests deeper than 64 levels (or refers to itself)", error.Message);
    }

    [Fact]
    public void ToJson_DeeplyNestedLists_FailsInsteadOfOverflowingTheStack()
    {
        // Arrange: 100 000 nested empty lists, built without recursion by the unpickler.
        var pickle = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("(l", 100_000))
            + string.Concat(Enumerable.Repeat("a", 99_999)) + ".");
        var loaded = NumpyPickle.Load(pickle);

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => NumpyPickle.ToJson(loaded));

        // Assert
        Assert.Contains("nests deeper than 64 levels", error.Message, StringComparison.Ordinal);
    }
}
