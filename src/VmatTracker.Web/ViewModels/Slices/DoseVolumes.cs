using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Evaluation;
using VmatTracker.Engine.Metrics;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Web.ViewModels.Slices;

/// <summary>
/// One evaluated case's volumes in clinical units, for the dose-slice viewer: CT in HU, ground-truth and predicted
/// dose in Gy (normalised dose times the site's prescription), on the case's grid. Loaded once per shown case.
/// </summary>
public sealed class DoseVolumes
{
    /// <summary>The 3 %/3 mm global gamma with a 10 % cutoff, as the evaluation uses, on the full grid.</summary>
    public static readonly GammaOptions GammaCriteria = new() { DosePercent = 3, DistanceMm = 3, LowerCutoffPercent = 10 };

    private double[]? _truthForGamma;
    private double[]? _predictionForGamma;
    private double? _maxTruthGy;

    /// <summary>The case ID.</summary>
    public required string CaseId { get; init; }

    /// <summary>The grid.</summary>
    public required VolumeShape Shape { get; init; }

    /// <summary>Voxel size in mm.</summary>
    public required VoxelSpacing Spacing { get; init; }

    /// <summary>CT in HU.</summary>
    public required float[] CtHu { get; init; }

    /// <summary>Ground-truth dose in Gy.</summary>
    public required float[] TruthGy { get; init; }

    /// <summary>Predicted dose in Gy (non-finite values read as 0).</summary>
    public required float[] PredictionGy { get; init; }

    /// <summary>The voxel nearest the PTV70 centroid (the centre without one): where the viewer opens.</summary>
    public required (int Y, int X, int Z) Centre { get; init; }

    /// <summary>The largest ground-truth dose, Gy (the colour scale's top and the gamma normalisation).</summary>
    public double MaxTruthGy => _maxTruthGy ??= TruthGy.Length == 0 ? 0 : TruthGy.Max();

    /// <summary>Reads the case file (CT, dose, masks for the centre) and its prediction file.</summary>
    /// <exception cref="DoseSliceException">A file is missing, unreadable or does not match the case.</exception>
    public static DoseVolumes Load(string caseFile, string predictionFile)
    {
        if (!File.Exists(caseFile))
        {
            throw new DoseSliceException($"the case file {caseFile} does not exist (was the dataset moved?)");
        }

        if (!File.Exists(predictionFile))
        {
            throw new DoseSliceException($"the prediction file {predictionFile} does not exist");
        }

        try
        {
            var volume = CaseFile.Read(caseFile);
            var rx = SiteCatalog.TryGet(volume.Metadata.Site, out var site) ? site.PrescriptionGy : SiteCatalog.Default.PrescriptionGy;
            var prediction = ReadPrediction(predictionFile, volume.Shape);
            return new DoseVolumes
            {
                CaseId = volume.CaseId,
                Shape = volume.Shape,
                Spacing = volume.Spacing,
                CtHu = [.. volume.Ct.Select(v => (float)((v - 0.5) * 4000))],
                TruthGy = [.. volume.Dose.Select(v => (float)(v * rx))],
                PredictionGy = [.. prediction.Select(v => float.IsFinite(v) ? (float)(v * rx) : 0f)],
                Centre = EvaluationArtifacts.Centroid(volume),
            };
        }
        catch (Exception e) when (e is IOException or InvalidDataException or CaseFormatException or NumpyFormatException
                                      or UnauthorizedAccessException or ArgumentException)
        {
            throw new DoseSliceException(e.Message, e);
        }
    }

    /// <summary>Gamma (3 %/3 mm, 10 % cutoff) at the pixels of <paramref name="plane"/>, each point searched in 3D
    /// over the whole prediction; NaN where excluded (below the cutoff). Slow: call it off the UI thread.</summary>
    public double[] Gamma(PlaneGeometry plane, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plane);
        _truthForGamma ??= [.. TruthGy.Select(v => (double)v)];
        _predictionForGamma ??= [.. PredictionGy.Select(v => (double)v)];
        return GammaPoints.Compute(_truthForGamma, _predictionForGamma, Shape, Spacing, GammaCriteria, plane.Voxels, cancellationToken);
    }

    private static float[] ReadPrediction(string path, VolumeShape shape)
    {
        using var npz = NpzReader.Open(path);
        if (!npz.Contains(CaseFile.DoseKey))
        {
            throw new DoseSliceException($"{path}: no '{CaseFile.DoseKey}' array (members: {string.Join(", ", npz.Names)})");
        }

        var values = npz.ReadSingles(CaseFile.DoseKey, out var header);
        if (!header.HasShape(shape.Y, shape.X, shape.Z))
        {
            throw new DoseSliceException(
                $"{path}: '{CaseFile.DoseKey}' has shape {header.ShapeText} but the case is {shape.Y}x{shape.X}x{shape.Z}");
        }

        return values;
    }
}
