using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.OpenKbp;

/// <summary>
/// Facts of the OpenKBP dataset layout (Babier et al. 2021): 128³ volumes, sparse CSV files per patient, the structure
/// names, and how its x, y, z axes map onto the contract's (Y, X, Z). See docs/openkbp.md.
/// </summary>
public static class OpenKbpFormat
{
    /// <summary>Voxels along every axis.</summary>
    public const int Side = 128;

    /// <summary>Voxels in one volume, 128³.</summary>
    public const int VoxelCount = Side * Side * Side;

    /// <summary>The CT file (stored CT numbers, about HU + 1024).</summary>
    public const string CtFile = "ct.csv";

    /// <summary>The reference dose file (Gy).</summary>
    public const string DoseFile = "dose.csv";

    /// <summary>The mask of voxels that may receive dose.</summary>
    public const string PossibleDoseMaskFile = "possible_dose_mask.csv";

    /// <summary>Three voxel sizes in mm, one per line.</summary>
    public const string VoxelDimensionsFile = "voxel_dimensions.csv";

    /// <summary>The NPZ member our import stores the possible-dose mask under, uint8 (Y, X, Z).</summary>
    public const string PossibleDoseMaskKey = "possible_dose_mask";

    /// <summary>The site definition imported cases name (Sites/head_and_neck.json).</summary>
    public const string SiteName = "head_and_neck";

    /// <summary>OpenKBP's organs at risk, in its own order.</summary>
    public static IReadOnlyList<string> OrgansAtRisk { get; } =
        ["Brainstem", "SpinalCord", "RightParotid", "LeftParotid", "Esophagus", "Larynx", "Mandible"];

    /// <summary>OpenKBP's targets, in its own order.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["PTV56", "PTV63", "PTV70"];

    /// <summary>The volume shape, in either axis order.</summary>
    public static VolumeShape Shape { get; } = new(Side, Side, Side);

    /// <summary>
    /// Maps a flat OpenKBP index (C order over x, y, z) to the flat contract index (C order over Y, X, Z). OpenKBP's x
    /// runs anterior to posterior and y patient right to left, as our Y and X do; its z runs towards the feet, ours
    /// towards the head, so Z = 127 − z. The mapping is its own inverse.
    /// </summary>
    public static int ToContractIndex(int openKbpIndex)
    {
        var z = openKbpIndex % Side;
        return openKbpIndex - z + (Side - 1 - z);
    }

    /// <summary>The inverse of <see cref="ToContractIndex"/> (the same flip).</summary>
    public static int ToOpenKbpIndex(int contractIndex) => ToContractIndex(contractIndex);
}
