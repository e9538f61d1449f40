using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Razorvine.Pickle;

namespace VmatTracker.Engine.DataLoading.Numpy.Pickling;

/// <summary>
/// A pickled <c>numpy.ndarray</c>: created empty by <c>_reconstruct</c>, then BUILD passes
/// <c>(version, shape, dtype, is_fortran, items)</c>. Object arrays carry a list of items; numeric arrays raw bytes.
/// </summary>
internal sealed class PickledNdArray
{
    private int[] _shape = [];
    private PickledDtype? _dtype;
    private bool _fortran;
    private object? _items;
    private object? _value;
    private bool _converted;

    /// <summary>Called by the unpickler's BUILD; the name is the Python protocol's.</summary>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Razorvine finds __setstate__ by name.")]
    public void __setstate__(object[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != 5 || state[1] is not object[] shape || state[2] is not PickledDtype dtype)
        {
            throw new PickleException("numpy array state is not (version, shape, dtype, is_fortran, items)");
        }

        // numpy allows at most 64 axes; more would only serve to exhaust the stack when nesting the values.
        if (shape.Length > 64)
        {
            throw new PickleException($"numpy array has {shape.Length} axes; numpy allows at most 64");
        }

        _shape = [.. shape.Select(axis => System.Convert.ToInt32(axis, System.Globalization.CultureInfo.InvariantCulture))];
        _dtype = dtype;
        _fortran = state[3] is true;
        _items = state[4];
    }

    /// <summary>The array as plain values: the item of a 0-d array, else nested lists following the shape.</summary>
    public object? ToValue()
    {
        // Converted once: the output is measured, then built, from the same lists.
        if (!_converted)
        {
            _value = Convert();
            _converted = true;
        }

        return _value;
    }

    private object? Convert()
    {
        if (_dtype is null)
        {
            throw new PickleException("numpy array was never given its state");
        }

        int count;
        try
        {
            count = NpyHeader.CountElements(_shape);
        }
        catch (NumpyFormatException e)
        {
            throw new PickleException($"numpy array: {e.Message}");
        }

        // The nested lists follow the shape: (n, 0) is n empty lists with no elements, so both counts are bounded.
        long lists = 0;
        long leading = 1;
        foreach (var axis in _shape)
        {
            lists += leading;
            leading *= axis;
            if (lists > NumpyPickle.MaxOutputValues || count > NumpyPickle.MaxOutputValues)
            {
                throw new PickleException(
                    $"numpy array of shape {NpyHeader.FormatShape(_shape)} expands to more than {NumpyPickle.MaxOutputValues} values, over the output limit");
            }
        }

        object?[] flat;
        if (_dtype.IsObject)
        {
            flat = _items is IList list ? [.. list.Cast<object?>()] : throw new PickleException("object array without a list of items");
        }
        else
        {
            // Protocol 2 hands the raw bytes over as a latin-1 str (from _codecs.encode or Python 2).
            var bytes = _items switch
            {
                byte[] b => b,
                string s => Encoding.Latin1.GetBytes(s),
                _ => throw new PickleException("numeric numpy array without raw bytes"),
            };
            if (bytes.Length != (long)count * _dtype.ItemSize)
            {
                throw new PickleException($"numpy array of {count} x {_dtype.Code} has {bytes.Length} bytes");
            }

            flat = new object?[count];
            for (var i = 0; i < count; i++)
            {
                flat[i] = _dtype.Decode(bytes.AsSpan(i * _dtype.ItemSize));
            }
        }

        if (flat.Length != count)
        {
            throw new PickleException($"numpy array of shape {NpyHeader.FormatShape(_shape)} has {flat.Length} items");
        }

        if (_fortran)
        {
            flat = FortranOrder.ToCOrder(flat, _shape);
        }

        return Nest(flat, 0, 0);
    }

    private object? Nest(object?[] flat, int axis, int offset)
    {
        if (axis == _shape.Length)
        {
            return flat[offset];
        }

        var stride = 1;
        for (var k = axis + 1; k < _shape.Length; k++)
        {
            stride *= _shape[k];
        }

        var list = new List<object?>(_shape[axis]);
        for (var i = 0; i < _shape[axis]; i++)
        {
            list.Add(Nest(flat, axis + 1, offset + (i * stride)));
        }

        return list;
    }
}
