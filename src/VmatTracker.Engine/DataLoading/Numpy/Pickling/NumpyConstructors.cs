using System.Text;
using Razorvine.Pickle;

namespace VmatTracker.Engine.DataLoading.Numpy.Pickling;

/// <summary>
/// The few pickle globals a numpy metadata pickle names, mapped to inert data holders. None of them runs code: each
/// only records its arguments. Razorvine's names (<c>construct</c>) are its interface's.
/// </summary>
internal static class NumpyConstructors
{
    /// <summary><c>_reconstruct(ndarray, (0,), b'b')</c> and <c>ndarray(...)</c>: an empty array awaiting BUILD.</summary>
    public sealed class NdArray : IObjectConstructor
    {
        public object construct(object[] args) => new PickledNdArray();
    }

    /// <summary><c>dtype('f8', False, True)</c>.</summary>
    public sealed class Dtype : IObjectConstructor
    {
        public object construct(object[] args) =>
            args is [string code, ..] ? new PickledDtype(code) : throw new PickleException("numpy.dtype needs a type code");
    }

    /// <summary><c>scalar(dtype, bytes)</c>: a numpy scalar (np.float32(1.5), np.int64(3), np.bool_(True)).</summary>
    public sealed class Scalar : IObjectConstructor
    {
        public object construct(object[] args) => args switch
        {
            [PickledDtype dtype, byte[] bytes] => dtype.Decode(bytes),
            [PickledDtype dtype, string latin1] => dtype.Decode(Encoding.Latin1.GetBytes(latin1)),
            _ => throw new PickleException("numpy scalar needs (dtype, bytes)"),
        };
    }

    /// <summary><c>_codecs.encode(text, 'latin1')</c>: how protocol 2 spells a bytes object.</summary>
    public sealed class CodecsEncode : IObjectConstructor
    {
        public object construct(object[] args) => args switch
        {
            [string text] => Encoding.UTF8.GetBytes(text),
            [string text, "latin1" or "latin-1" or "iso-8859-1"] => Encoding.Latin1.GetBytes(text),
            [string text, "utf-8" or "utf8"] => Encoding.UTF8.GetBytes(text),
            _ => throw new PickleException("_codecs.encode needs (text, 'latin1')"),
        };
    }
}
