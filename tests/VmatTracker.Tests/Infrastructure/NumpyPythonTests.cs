namespace VmatTracker.Tests.Infrastructure;

public sealed class NumpyPythonTests
{
    [Fact]
    public void FindPython_MissingOrFailingInterpreters_GivesNull()
    {
        // Arrange: one path that does not exist, one program that exists but cannot import numpy.
        string?[] candidates = [null, "", "/nonexistent/vmat/python3", "/bin/false"];

        // Act
        var found = NumpyPython.FindPython(candidates);

        // Assert
        Assert.Null(found);
    }

    [Fact]
    public void FindPython_WorkingCandidateAfterBrokenOnes_PicksTheWorkingOne()
    {
        // Arrange
        var python = NumpyPython.Require();

        // Act
        var found = NumpyPython.FindPython(["/nonexistent/vmat/python3", python]);

        // Assert
        Assert.Equal(python, found);
    }
}
