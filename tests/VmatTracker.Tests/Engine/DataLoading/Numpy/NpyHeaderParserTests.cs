using VmatTracker.Engine.DataLoading.Numpy;

namespace VmatTracker.Tests.Engine.DataLoading.Numpy;

public sealed class NpyHeaderParserTests
{
    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", "float32", false, new[] { 3, 4 })]
    [InlineData("{\"descr\": \">i8\", \"fortran_order\": True, \"shape\": (5,)}", "int64", true, new[] { 5 })]
    [InlineData("{'shape': (), 'descr': '|b1', 'fortran_order': False}   ", "bool", false, new int[0])]
    [InlineData("{'descr': '<U7', 'fortran_order': False, 'shape': (0, 2), }", "<U7", false, new[] { 0, 2 })]
    public void Parse_NumpyHeaders_GivesDtypeOrderAndShape(string literal, string dtype, bool fortran, int[] shape)
    {
        // Act
        var header = NpyHeaderParser.Parse(literal);

        // Assert
        Assert.Equal(dtype, header.Dtype.Name);
        Assert.Equal(fortran, header.FortranOrder);
        Assert.Equal(shape, header.Shape);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (5), }", "one-axis shape must be written (n,)")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (5,), }", "structured dtypes")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), 'x': 1}", "unexpected key 'x'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "lacks one of")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (5,)}", "expected True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-5,)}", "non-negative axis length")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (5,)} junk", "text after the closing")]
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (5,)}", "unsupported dtype '<c8'")]
    [InlineData("{'descr': '|f4', 'fortran_order': False, 'shape': (5,)}", "needs a byte order")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (5,)}", "appears twice")]
    public void Parse_AnythingElse_IsRejectedWithTheReason(string literal, string reason)
    {
        // Act
        var error = Assert.Throws<NumpyFormatException>(() => NpyHeaderParser.Parse(literal));

        // Assert
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
