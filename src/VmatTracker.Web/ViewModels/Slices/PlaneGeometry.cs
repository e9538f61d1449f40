using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Web.ViewModels.Slices;

/// <summary>
/// Where the pixels of one displayed plane come from: the flat (C order) voxel index of each pixel, row by row from the
/// top of the picture, and the pixel size in mm along rows and columns (so the picture keeps the patient's aspect).
/// </summary>
public sealed class PlaneGeometry
{
    private PlaneGeometry(SlicePlane plane, int index, int rows, int columns, double rowMm, double columnMm, int[] voxels)
    {
        Plane = plane;
        Index = index;
        Rows = rows;
        Columns = columns;
        RowSpacingMm = rowMm;
        ColumnSpacingMm = columnMm;
        Voxels = voxels;
    }

    /// <summary>The plane.</summary>
    public SlicePlane Plane { get; }

    /// <summary>The slice index along the plane's normal axis.</summary>
    public int Index { get; }

    /// <summary>Picture rows.</summary>
    public int Rows { get; }

    /// <summary>Picture columns.</summary>
    public int Columns { get; }

    /// <summary>Pixel height in mm.</summary>
    public double RowSpacingMm { get; }

    /// <summary>Pixel width in mm.</summary>
    public double ColumnSpacingMm { get; }

    /// <summary>Flat voxel index of pixel (row, column) at <c>row * Columns + column</c>.</summary>
    public IReadOnlyList<int> Voxels { get; }

    /// <summary>How many slices <paramref name="plane"/> has in a volume of <paramref name="shape"/>.</summary>
    public static int SliceCount(VolumeShape shape, SlicePlane plane) => plane switch
    {
        SlicePlane.Axial => shape.Z,
        SlicePlane.Coronal => shape.Y,
        _ => shape.X,
    };

    /// <summary>The slice through voxel (y, x, z) in <paramref name="plane"/>.</summary>
    public static int SliceThrough(SlicePlane plane, int y, int x, int z) => plane switch
    {
        SlicePlane.Axial => z,
        SlicePlane.Coronal => y,
        _ => x,
    };

    /// <summary>The geometry of slice <paramref name="index"/> of <paramref name="plane"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the volume.</exception>
    public static PlaneGeometry Of(VolumeShape shape, VoxelSpacing spacing, SlicePlane plane, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SliceCount(shape, plane));

        // Coronal and sagittal pictures put the head at the top: row 0 is the highest Z.
        var (rows, columns, rowMm, columnMm) = plane switch
        {
            SlicePlane.Axial => (shape.Y, shape.X, spacing.Y, spacing.X),
            SlicePlane.Coronal => (shape.Z, shape.X, spacing.Z, spacing.X),
            _ => (shape.Z, shape.Y, spacing.Z, spacing.Y),
        };
        var voxels = new int[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                voxels[(r * columns) + c] = plane switch
                {
                    SlicePlane.Axial => shape.IndexOf(r, c, index),
                    SlicePlane.Coronal => shape.IndexOf(index, c, shape.Z - 1 - r),
                    _ => shape.IndexOf(c, index, shape.Z - 1 - r),
                };
            }
        }

        return new PlaneGeometry(plane, index, rows, columns, rowMm, columnMm, voxels);
    }

    /// <summary>The values of <paramref name="volume"/> at this plane's pixels, row by row.</summary>
    public float[] Sample(float[] volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var values = new float[Voxels.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = volume[Voxels[i]];
        }

        return values;
    }
}
