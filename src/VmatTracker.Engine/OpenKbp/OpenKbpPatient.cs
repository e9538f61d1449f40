using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.OpenKbp;

/// <summary>
/// One OpenKBP patient folder read into dense volumes in contract (Y, X, Z) order (see
/// <see cref="OpenKbpFormat.ToContractIndex"/>). Structures without a file are absent.
/// </summary>
public sealed class OpenKbpPatient
{
    /// <summary>The patient ID: the folder name, e.g. pt_1.</summary>
    public required string Id { get; init; }

    /// <summary>The folder read.</summary>
    public required string Folder { get; init; }

    /// <summary>voxel_dimensions.csv as stored: sizes in mm along OpenKBP's x, y, z.</summary>
    public required double[] VoxelDimensionsMm { get; init; }

    /// <summary>Stored CT numbers (about HU + 1024; 0 where the file lists nothing); null when not asked for.</summary>
    public double[]? CtStored { get; init; }

    /// <summary>Reference dose in Gy.</summary>
    public required double[] DoseGy { get; init; }

    /// <summary>Voxels that can receive dose, {0, 1}.</summary>
    public required byte[] PossibleDoseMask { get; init; }

    /// <summary>The masks of the structures that have a file, by OpenKBP name.</summary>
    public required IReadOnlyDictionary<string, byte[]> Structures { get; init; }

    /// <summary>
    /// Voxel spacing in contract order: x runs along Y and y along X (both in-plane), z along Z (slices); flipping Z
    /// does not change its spacing.
    /// </summary>
    public VoxelSpacing Spacing => new(VoxelDimensionsMm[0], VoxelDimensionsMm[1], VoxelDimensionsMm[2]);

    /// <summary>OpenKBP's voxel volume, np.prod(voxel_dimensions), in mm³ (the product taken in file order).</summary>
    public double VoxelVolumeMm3 => VoxelDimensionsMm[0] * VoxelDimensionsMm[1] * VoxelDimensionsMm[2];

    /// <summary>Every OpenKBP structure name, organs at risk first.</summary>
    public static IEnumerable<string> AllStructureNames => OpenKbpFormat.OrgansAtRisk.Concat(OpenKbpFormat.Targets);

    /// <summary>
    /// Reads the patient in <paramref name="folder"/>. Every file is checked, and all problems are reported together
    /// in one <see cref="OpenKbpPatientException"/>, each naming its file.
    /// </summary>
    public static OpenKbpPatient Load(string folder, bool withCt)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var problems = new List<string>();

        T? Try<T>(Func<T> read)
            where T : class
        {
            try
            {
                return read();
            }
            catch (OpenKbpFormatException e)
            {
                problems.Add(e.Message);
                return null;
            }
        }

        string In(string file) => Path.Combine(folder, file);
        var dimensions = Try(() => OpenKbpCsv.ReadVoxelDimensions(In(OpenKbpFormat.VoxelDimensionsFile)));
        var ct = withCt ? Try(() => OpenKbpCsv.Read(In(OpenKbpFormat.CtFile), isMask: false)) : null;
        var dose = Try(() => OpenKbpCsv.Read(In(OpenKbpFormat.DoseFile), isMask: false));
        var possible = Try(() => OpenKbpCsv.Read(In(OpenKbpFormat.PossibleDoseMaskFile), isMask: true));
        var structures = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in AllStructureNames)
        {
            var file = In(name + ".csv");
            if (File.Exists(file) && Try(() => OpenKbpCsv.Read(file, isMask: true)) is { } mask)
            {
                structures[name] = mask.ToContractMask();
            }
        }

        if (dose is not null && dose.Values.FirstOrDefault(v => v < 0) is < 0 and var negative)
        {
            problems.Add($"{In(OpenKbpFormat.DoseFile)}: holds negative dose ({negative} Gy); dose must be >= 0");
        }

        if (problems.Count > 0 || dimensions is null || dose is null || possible is null)
        {
            throw new OpenKbpPatientException(id, problems);
        }

        return new OpenKbpPatient
        {
            Id = id,
            Folder = folder,
            VoxelDimensionsMm = dimensions,
            CtStored = ct?.ToContractDoubles(),
            DoseGy = dose.ToContractDoubles(),
            PossibleDoseMask = possible.ToContractMask(),
            Structures = structures,
        };
    }

    /// <summary>
    /// Patient folders under <paramref name="source"/>: the folder itself when it holds CSV files, else its
    /// subfolders that do, else theirs (so the dataset root with train-pats/ works too); sorted ordinally.
    /// </summary>
    public static IReadOnlyList<string> FindPatientFolders(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        static bool HoldsCsv(string dir) => Directory.EnumerateFiles(dir, "*.csv").Any();
        if (HoldsCsv(source))
        {
            return [source];
        }

        var children = Directory.GetDirectories(source).Order(StringComparer.Ordinal).ToList();
        var patients = children.Where(HoldsCsv).ToList();
        if (patients.Count > 0)
        {
            return patients;
        }

        return [.. children.SelectMany(c => Directory.GetDirectories(c).Order(StringComparer.Ordinal)).Where(HoldsCsv)];
    }
}
