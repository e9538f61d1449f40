using System.Globalization;
using System.Text;

namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>The header of one .npy array: dtype, memory order and shape.</summary>
/// <param name="Dtype">The element type.</param>
/// <param name="FortranOrder">True when the data is stored column-major (readers convert it to C order).</param>
/// <param name="Shape">Axis lengths; empty for a 0-d array.</param>
public sealed record NpyHeader(NpyDtype Dtype, bool FortranOrder, int[] Shape)
{
    /// <summary>Bytes from the start of the .npy data to its first array byte, when read from a file (else 0).</summary>
    public int DataOffset { get; init; }

    /// <summary>Number of elements (1 for a 0-d array).</summary>
    public int ElementCount => CountElements(Shape);

    /// <summary>Bytes of data that follow the header.</summary>
    public long DataBytes => (long)ElementCount * Dtype.ItemSize;

    /// <summary>The shape as numpy prints it: (), (5,), (3, 4).</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>The product of <paramref name="shape"/>; throws when it does not fit a .NET array.</summary>
    public static int CountElements(IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var length in shape)
        {
            if (length < 0)
            {
                throw new NumpyFormatException($"shape {FormatShape(shape)} has a negative axis length");
            }

            count *= length;
            if (count > Array.MaxLength)
            {
                throw new NumpyFormatException($"shape {FormatShape(shape)} holds more elements than a .NET array can");
            }
        }

        return (int)count;
    }

    /// <summary>Formats a shape as numpy prints a tuple: (), (5,), (3, 4).</summary>
    public static string FormatShape(IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Count switch
        {
            0 => "()",
            1 => string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)"),
            _ => "(" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")",
        };
    }

    /// <summary>The header's dict literal as numpy writes it (without padding).</summary>
    public string ToDictLiteral()
    {
        var text = new StringBuilder("{'descr': '");
        text.Append(Dtype.Descr).Append("', 'fortran_order': ").Append(FortranOrder ? "True" : "False");
        text.Append(", 'shape': ").Append(FormatShape(Shape)).Append(", }");
        return text.ToString();
    }

    /// <summary>Whether <paramref name="other"/> has the same axis lengths.</summary>
    public bool HasShape(params int[] other) => Shape.AsSpan().SequenceEqual(other);
}
