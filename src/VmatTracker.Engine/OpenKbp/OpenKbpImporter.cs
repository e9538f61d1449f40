using System.Globalization;
using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Geometry;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Engine.OpenKbp;

/// <summary>The outcome of importing one patient.</summary>
/// <param name="PatientId">The patient folder's name.</param>
/// <param name="OutputFile">The case file written, or null when the import failed.</param>
/// <param name="Problems">Why it failed, each naming the file; empty on success.</param>
/// <param name="AbsentStructures">Site structures the patient has no mask for.</param>
public sealed record OpenKbpImportResult(string PatientId, string? OutputFile, IReadOnlyList<string> Problems,
    IReadOnlyList<string> AbsentStructures)
{
    /// <summary>True when the case file was written.</summary>
    public bool Succeeded => OutputFile is not null;
}

/// <summary>
/// Converts OpenKBP patient folders into the NPZ case contract under the head-and-neck site (docs/openkbp.md):
/// axes flipped to (Y, X, Z), CT to HU and normalised, dose / 70 Gy, exact SDFs, the possible-dose mask as its own
/// key, and the constraints vector from the site definition.
/// </summary>
public static class OpenKbpImporter
{
    /// <summary>OpenKBP's recommended CT clip (stored values 0..4095, about HU + 1024).</summary>
    public const double MaxStoredCt = 4095;

    /// <summary>Stored CT value of 0 HU.</summary>
    public const double CtOffset = 1024;

    /// <summary>The site imported cases belong to.</summary>
    public static TreatmentSite Site => SiteCatalog.Get(OpenKbpFormat.SiteName);

    /// <summary>Imports every patient folder under <paramref name="source"/> into <paramref name="outFolder"/>.</summary>
    public static IReadOnlyList<OpenKbpImportResult> ImportAll(string source, string outFolder, Action<OpenKbpImportResult>? onPatient = null)
    {
        var results = new List<OpenKbpImportResult>();
        foreach (var folder in OpenKbpPatient.FindPatientFolders(source))
        {
            var result = ImportPatient(folder, outFolder);
            onPatient?.Invoke(result);
            results.Add(result);
        }

        return results;
    }

    /// <summary>Imports one patient folder as <c>&lt;outFolder&gt;/&lt;patient&gt;.npz</c>; never throws on bad input.</summary>
    public static OpenKbpImportResult ImportPatient(string patientFolder, string outFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientFolder);
        ArgumentException.ThrowIfNullOrEmpty(outFolder);
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(patientFolder));
        OpenKbpPatient patient;
        try
        {
            patient = OpenKbpPatient.Load(patientFolder, withCt: true);
        }
        catch (OpenKbpPatientException e)
        {
            return new OpenKbpImportResult(id, null, e.Problems, []);
        }

        var volume = ToCase(patient);
        var path = Path.Combine(outFolder, id + ".npz");
        var (problems, _, absent) = CaseValidator.Validate(volume, path);
        if (problems.Count > 0)
        {
            return new OpenKbpImportResult(id, null, problems, absent);
        }

        try
        {
            Directory.CreateDirectory(outFolder);
            var possible = NpyArray.Create(patient.PossibleDoseMask, OpenKbpFormat.Side, OpenKbpFormat.Side, OpenKbpFormat.Side);
            CaseFile.Write(path, volume, [(OpenKbpFormat.PossibleDoseMaskKey, possible)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new OpenKbpImportResult(id, null, [$"{path}: cannot be written: {e.Message}"], absent);
        }

        return new OpenKbpImportResult(id, path, [], absent);
    }

    /// <summary>Builds the contract case of <paramref name="patient"/> (which must have been loaded with its CT).</summary>
    public static CaseVolume ToCase(OpenKbpPatient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var stored = patient.CtStored ?? throw new ArgumentException("The patient was loaded without its CT.", nameof(patient));
        var site = Site;
        var shape = OpenKbpFormat.Shape;
        var n = shape.VoxelCount;
        var ct = new float[n];
        var dose = new float[n];
        for (var i = 0; i < n; i++)
        {
            ct[i] = NormaliseCt(stored[i]);
            dose[i] = (float)(patient.DoseGy[i] / site.PrescriptionGy);
        }

        var channels = site.Channels.Count;
        var masks = new byte[channels * n];
        var sdf = new float[channels * n];
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var absent = new List<string>();
        for (var c = 0; c < channels; c++)
        {
            var name = site.Channels[c].Name;
            if (patient.Structures.TryGetValue(name, out var mask) && mask.AsSpan().ContainsAnyExcept((byte)0))
            {
                mask.CopyTo(masks, c * n);
                present.Add(name);
            }
            else
            {
                absent.Add(name);
            }
        }

        // The distance transforms are most of the import's work and independent per channel.
        Parallel.For(0, channels, c =>
            CroppedSignedDistance.ComputeNormalizedInto(masks.AsSpan(c * n, n), shape, patient.Spacing, sdf.AsSpan(c * n, n)));

        return new CaseVolume
        {
            CaseId = patient.Id,
            Shape = shape,
            Ct = ct,
            Dose = dose,
            Masks = masks,
            Sdf = sdf,
            ChannelCount = channels,
            Constraints = site.BuildConstraints(present),
            Metadata = CaseMetadata.FromValues(Metadata(patient, site, absent), patient.Folder),
        };
    }

    /// <summary>Stored CT number → HU (clip to 0..4095, minus 1024) → the contract's clip(HU, −1000, 3000)/4000 + 0.5.</summary>
    public static float NormaliseCt(double stored)
    {
        var hu = Math.Clamp(stored, 0, MaxStoredCt) - CtOffset;
        return (float)((Math.Clamp(hu, -1000, 3000) / 4000) + 0.5);
    }

    private static JsonObject Metadata(OpenKbpPatient patient, TreatmentSite site, List<string> absent)
    {
        var spacing = patient.Spacing;
        return new JsonObject
        {
            ["case_id"] = patient.Id,
            ["site"] = site.Name,
            ["source"] = "openkbp",
            ["processed_date"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["voxel_spacing_mm"] = new JsonArray(spacing.Y, spacing.X, spacing.Z),
            ["volume_shape"] = new JsonArray(OpenKbpFormat.Side, OpenKbpFormat.Side, OpenKbpFormat.Side),
            ["sdf_clip_mm"] = SignedDistance.ClipMm,
            ["normalization_dose_gy"] = site.PrescriptionGy,
            ["structure_channels"] = new JsonArray([.. site.Channels.Select(c => (JsonNode)c.Name)]),
            ["absent_structures"] = new JsonArray([.. absent.Select(a => (JsonNode)a)]),
            ["openkbp"] = new JsonObject
            {
                ["patient"] = patient.Id,
                ["voxel_dimensions_mm"] = new JsonArray([.. patient.VoxelDimensionsMm.Select(v => (JsonNode)v)]),
                ["axis_mapping"] = "Y = x (anterior to posterior), X = y (right to left), Z = 127 - z (towards the head)",
                ["ct_conversion"] = "HU = clip(stored, 0, 4095) - 1024",
                ["possible_dose_mask_key"] = OpenKbpFormat.PossibleDoseMaskKey,
            },
        };
    }
}
