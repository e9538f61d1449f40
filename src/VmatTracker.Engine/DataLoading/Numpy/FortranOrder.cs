namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>Reorders column-major (Fortran) data into row-major (C) order, which is what every consumer here expects.</summary>
internal static class FortranOrder
{
    /// <summary>A C-order copy of <paramref name="fortran"/>; 0-d and 1-d data is returned as is.</summary>
    public static T[] ToCOrder<T>(T[] fortran, int[] shape)
    {
        if (shape.Length < 2)
        {
            return fortran;
        }

        var rank = shape.Length;
        var fortranStride = new long[rank];
        long stride = 1;
        for (var k = 0; k < rank; k++)
        {
            fortranStride[k] = stride;
            stride *= shape[k];
        }

        var result = new T[fortran.Length];
        var index = new int[rank];
        long source = 0;
        for (var n = 0; n < result.Length; n++)
        {
            result[n] = fortran[source];

            // Odometer over the C-order index (last axis fastest), tracking the Fortran offset alongside.
            for (var k = rank - 1; k >= 0; k--)
            {
                index[k]++;
                source += fortranStride[k];
                if (index[k] < shape[k])
                {
                    break;
                }

                source -= fortranStride[k] * shape[k];
                index[k] = 0;
            }
        }

        return result;
    }
}
