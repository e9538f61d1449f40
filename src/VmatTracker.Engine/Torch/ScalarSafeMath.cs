using TorchSharp;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Torch;

/// <summary>
/// Tensor arithmetic with numbers that never hands libtorch a Scalar the garbage collector may free mid-call.
/// TorchSharp 0.107 frees a Scalar from its finalizer; the Scalars it makes implicitly (from a number, or the alpha of
/// <c>a + b</c>) are unreachable as soon as their handle is read, so a GC during the native call lets the finalizer
/// delete them while libtorch still reads them (NaN losses, "Unknown scalar type", Scalar.h assertions; see
/// docs/torchsharp-scalars.md). Here every Scalar is held by a <c>using</c> until the call returns, and the constant
/// alpha of an addition is a process-lifetime static. BannedSymbols.txt makes the compiler reject the unsafe forms.
/// </summary>
public static class ScalarSafeMath
{
    /// <summary>The alpha of a plain addition; static, so it is never finalized.</summary>
    public static readonly Scalar One = 1.0.ToScalar();

    /// <summary><paramref name="tensor"/> + <paramref name="other"/>.</summary>
    public static Tensor Plus(this Tensor tensor, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.add(other, One);
    }

    /// <summary><paramref name="tensor"/> + <paramref name="value"/>.</summary>
    public static Tensor Plus(this Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = value.ToScalar();
        return tensor.add(scalar, One);
    }

    /// <summary><paramref name="tensor"/> + <paramref name="weight"/> · <paramref name="other"/>, in one libtorch call.</summary>
    public static Tensor PlusScaled(this Tensor tensor, Tensor other, double weight)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var alpha = weight.ToScalar();
        return tensor.add(other, alpha);
    }

    /// <summary><paramref name="tensor"/> − <paramref name="value"/>.</summary>
    public static Tensor Minus(this Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = value.ToScalar();
        return tensor.sub(scalar);
    }

    /// <summary><paramref name="tensor"/> · <paramref name="value"/>.</summary>
    public static Tensor Times(this Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = value.ToScalar();
        return tensor.mul(scalar);
    }

    /// <summary><paramref name="tensor"/> / <paramref name="value"/>.</summary>
    public static Tensor DividedBy(this Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = value.ToScalar();
        return tensor.div(scalar);
    }

    /// <summary>In place: <paramref name="tensor"/> ·= <paramref name="value"/>.</summary>
    public static Tensor TimesInPlace(this Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = value.ToScalar();
        return tensor.mul_(scalar);
    }

    /// <summary>In place: <paramref name="tensor"/> += <paramref name="other"/> · <paramref name="alpha"/>.</summary>
    public static Tensor AddInPlace(this Tensor tensor, Tensor other, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = alpha.ToScalar();
        return tensor.add_(other, scalar);
    }

    /// <summary>Elementwise max(<paramref name="tensor"/>, <paramref name="min"/>), keeping the tensor's dtype.</summary>
    public static Tensor AtLeast(this Tensor tensor, double min)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = ScalarOfSameKind(tensor, min);
        return tensor.clamp_min(scalar);
    }

    /// <summary>Elementwise clamp to [<paramref name="min"/>, <paramref name="max"/>], keeping the tensor's dtype.</summary>
    public static Tensor Clamped(this Tensor tensor, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var low = ScalarOfSameKind(tensor, min);
        using var high = ScalarOfSameKind(tensor, max);
        return tensor.clamp(low, high);
    }

    /// <summary><paramref name="tensor"/> &lt; <paramref name="value"/>.</summary>
    public static Tensor LessThan(this Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = value.ToScalar();
        return tensor.lt(scalar);
    }

    /// <summary><paramref name="tensor"/> &gt; <paramref name="value"/>.</summary>
    public static Tensor GreaterThan(this Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = value.ToScalar();
        return tensor.gt(scalar);
    }

    /// <summary><paramref name="tensor"/> ≥ <paramref name="value"/>.</summary>
    public static Tensor AtLeastAsLarge(this Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = value.ToScalar();
        return tensor.ge(scalar);
    }

    /// <summary>A copy of <paramref name="tensor"/> with <paramref name="value"/> where <paramref name="mask"/> is set.</summary>
    public static Tensor FilledWhere(this Tensor tensor, Tensor mask, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scalar = ScalarOfSameKind(tensor, value);
        return tensor.masked_fill(mask, scalar);
    }

    /// <summary>A tensor shaped, typed and placed like <paramref name="like"/>, filled with <paramref name="value"/>.</summary>
    public static Tensor FullLike(Tensor like, double value)
    {
        ArgumentNullException.ThrowIfNull(like);
        using var scalar = ScalarOfSameKind(like, value);
        return full_like(like, scalar);
    }

    /// <summary>Elementwise <paramref name="ifTrue"/> where <paramref name="condition"/>, else <paramref name="ifFalse"/>,
    /// in <paramref name="like"/>'s dtype and device.</summary>
    public static Tensor Choose(Tensor condition, double ifTrue, double ifFalse, Tensor like)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(like);
        using var whenTrue = FullLike(like, ifTrue);
        using var whenFalse = FullLike(like, ifFalse);
        return where(condition, whenTrue, whenFalse);
    }

    /// <summary>A new tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static Tensor Filled(long[] shape, double value, ScalarType dtype, Device? device = null)
    {
        using var scalar = value.ToScalar();
        return full(shape, scalar, dtype: dtype, device: device);
    }

    // An integer tensor clamped or filled with a double Scalar would change dtype; hand it an integer Scalar instead.
    private static Scalar ScalarOfSameKind(Tensor like, double value) =>
        like.dtype is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte
            ? ((long)value).ToScalar()
            : value.ToScalar();
}
