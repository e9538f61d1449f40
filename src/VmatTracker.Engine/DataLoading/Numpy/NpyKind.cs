namespace VmatTracker.Engine.DataLoading.Numpy;

// CA1720: the members are named after numpy's dtypes (int16, float32, ...), which is what readers look for.
#pragma warning disable CA1720

/// <summary>The element kinds this reader understands.</summary>
public enum NpyKind
{
    /// <summary>numpy bool ('b1'), held as bytes 0/1.</summary>
    Bool,

    /// <summary>numpy uint8 ('u1').</summary>
    UInt8,

    /// <summary>numpy int16 ('i2').</summary>
    Int16,

    /// <summary>numpy int32 ('i4').</summary>
    Int32,

    /// <summary>numpy int64 ('i8').</summary>
    Int64,

    /// <summary>numpy float32 ('f4').</summary>
    Float32,

    /// <summary>numpy float64 ('f8').</summary>
    Float64,

    /// <summary>numpy fixed-length unicode ('U{n}'), UTF-32 code units.</summary>
    Unicode,

    /// <summary>numpy object ('O'): the data is a pickle.</summary>
    Object,
}
