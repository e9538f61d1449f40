using VmatTracker.Engine.DataLoading.Numpy;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// The structural check of a case file, from member headers only: every key present, dtypes usable, shapes that agree.
/// Runs before any voxel is decompressed, so a bad file fails fast and cheaply.
/// </summary>
internal sealed record CaseLayout(VolumeShape Shape, int ChannelCount, int ConstraintCount)
{
    private const string Floats = "float32 or float64";
    private const string MaskTypes = "uint8 or bool";

    public static CaseLayout Check(NpzReader npz, string path)
    {
        var ct = Header(npz, path, CaseFile.CtKey, Floats);
        RequireRank(ct, 3, "(Y, X, Z)", path, CaseFile.CtKey);
        var shape = new VolumeShape(ct.Shape[0], ct.Shape[1], ct.Shape[2]);

        var dose = Header(npz, path, CaseFile.DoseKey, Floats);
        if (!dose.HasShape(ct.Shape))
        {
            throw new CaseFormatException(path, CaseFile.DoseKey,
                $"has shape {dose.ShapeText}, but '{CaseFile.CtKey}' has {ct.ShapeText}; they must match");
        }

        var masks = Header(npz, path, CaseFile.MasksKey, MaskTypes);
        RequireChannelStack(masks, ct, path, CaseFile.MasksKey);
        var sdf = Header(npz, path, CaseFile.SdfKey, Floats);
        RequireChannelStack(sdf, ct, path, CaseFile.SdfKey);
        if (sdf.Shape[0] != masks.Shape[0])
        {
            throw new CaseFormatException(path, CaseFile.SdfKey,
                $"has {sdf.Shape[0]} channels, but '{CaseFile.MasksKey}' has {masks.Shape[0]}; they must match");
        }

        var constraints = Header(npz, path, CaseFile.ConstraintsKey, Floats);
        RequireRank(constraints, 1, "(N,)", path, CaseFile.ConstraintsKey);
        RequireWithinLimit(npz.Limits, path, [(CaseFile.CtKey, ct), (CaseFile.DoseKey, dose), (CaseFile.MasksKey, masks),
            (CaseFile.SdfKey, sdf), (CaseFile.ConstraintsKey, constraints)]);
        return new CaseLayout(shape, masks.Shape[0], constraints.Shape[0]);
    }

    private static void RequireWithinLimit(CaseLimits limits, string path, (string Key, NpyHeader Header)[] members)
    {
        // Each member fits the limit on its own (the npz reader checks that); together they must fit it too. The member
        // that crosses it is named, since it is the one that would be allocated over the limit.
        long total = 0;
        foreach (var (key, header) in members)
        {
            total += header.DataBytes;
            if (total > limits.MaxDecompressedBytes)
            {
                throw new CaseFormatException(path, key,
                    $"shape {header.ShapeText} of {header.Dtype.Name} takes the case's arrays to {CaseLimits.Describe(total)} "
                    + $"decompressed, over the case limit of {CaseLimits.Describe(limits.MaxDecompressedBytes)}");
            }
        }
    }

    private static NpyHeader Header(NpzReader npz, string path, string key, string expected)
    {
        if (!npz.Contains(key))
        {
            throw new CaseFormatException(path, key,
                $"missing (the file holds: {(npz.Names.Count == 0 ? "no arrays" : string.Join(", ", npz.Names))})");
        }

        var header = CaseFile.Guard(path, key, () => npz.ReadHeader(key));
        var ok = expected == Floats
            ? header.Dtype.Kind is NpyKind.Float32 or NpyKind.Float64
            : header.Dtype.Kind is NpyKind.UInt8 or NpyKind.Bool;
        return ok ? header : throw new CaseFormatException(path, key, $"has dtype {header.Dtype.Name}, expected {expected}");
    }

    private static void RequireRank(NpyHeader header, int rank, string axes, string path, string key)
    {
        if (header.Shape.Length != rank)
        {
            throw new CaseFormatException(path, key,
                $"has shape {header.ShapeText}, expected {rank} {(rank == 1 ? "axis" : "axes")} {axes}");
        }
    }

    private static void RequireChannelStack(NpyHeader header, NpyHeader ct, string path, string key)
    {
        RequireRank(header, 4, "(C, Y, X, Z)", path, key);
        if (!header.Shape.AsSpan(1).SequenceEqual(ct.Shape))
        {
            throw new CaseFormatException(path, key,
                $"has shape {header.ShapeText}: its (Y, X, Z) differ from '{CaseFile.CtKey}' {ct.ShapeText}");
        }
    }
}
