using System.Globalization;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Metrics;
using VmatTracker.Engine.OpenKbp;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Engine.Evaluation;

/// <summary>Settings of <see cref="CaseEvaluator"/>.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Gamma settings; the subsample factor is the reference's --gamma_subsample (4 in its test runs).</summary>
    public GammaOptions Gamma { get; init; } = new() { Subsample = 4 };

    /// <summary>Predicted doses above this many Gy are reported (120 % of 70 Gy, as the reference).</summary>
    public double HighDoseWarningGy { get; init; } = 84;
}

/// <summary>
/// Evaluates one predicted dose against its case (reference-spec 4.3): convert to Gy with the site's prescription,
/// warn about and sanitise NaN, Inf and negative values (set to 0, as the reference), then dose metrics, gamma,
/// PTV-region gamma, DVHs and clinical goals.
/// </summary>
public static class CaseEvaluator
{
    /// <summary>Evaluates <paramref name="predictionNormalised"/> (dose / prescription, Y·X·Z) against <paramref name="truth"/>.</summary>
    /// <param name="truth">The case.</param>
    /// <param name="predictionNormalised">The prediction.</param>
    /// <param name="options">Gamma and warning settings.</param>
    /// <param name="possibleDoseMask">The case's possible-dose mask (an OpenKBP import stores one,
    /// <see cref="OpenKbpSubmission.ReadPossibleDoseMask"/>): OpenKBP's scores are then exact, on what a submission would hold;
    /// without it they are approximated with the body as the mask.</param>
    /// <param name="cancellationToken">Stops the gamma search.</param>
    /// <exception cref="ArgumentException">The prediction's or the mask's length does not match the case's shape.</exception>
    public static CaseEvaluation Evaluate(CaseVolume truth, float[] predictionNormalised, EvaluationOptions options,
        byte[]? possibleDoseMask = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predictionNormalised);
        ArgumentNullException.ThrowIfNull(options);
        if (predictionNormalised.Length != truth.Shape.VoxelCount)
        {
            throw new ArgumentException(
                $"the prediction has {predictionNormalised.Length} voxels but case {truth.CaseId} has shape {truth.Shape} ({truth.Shape.VoxelCount})");
        }

        var site = SiteCatalog.TryGet(truth.Metadata.Site, out var known) ? known : SiteCatalog.Default;
        var rx = site.PrescriptionGy;
        var warnings = new List<string>();
        var pred = Sanitise(predictionNormalised, rx, options.HighDoseWarningGy, warnings);
        var gt = truth.Dose.Select(d => d * rx).ToArray();
        if (!gt.Any(d => d > 0))
        {
            warnings.Add("the ground-truth dose is zero everywhere: gamma and threshold metrics are undefined");
        }

        var names = Enumerable.Range(0, truth.ChannelCount)
            .Select(c => c < site.Channels.Count ? site.Channels[c].Name : $"channel_{c}").ToArray();
        var structures = Enumerable.Range(0, truth.ChannelCount)
            .Select(c => (names[c], Mask: new ReadOnlyMemory<byte>(truth.Masks, c * truth.Shape.VoxelCount, truth.Shape.VoxelCount)))
            .ToArray();
        var doseMetrics = DoseMetrics.Compute(pred, gt, truth.Ct, structures);

        var dvhs = new List<StructureDvh>();
        var absent = new List<string>();
        for (var c = 0; c < structures.Length; c++)
        {
            var rxGy = c < site.Channels.Count && site.Channels[c].Role == StructureRole.Target ? site.Channels[c].PrescriptionGy : null;
            var dvh = StructureDvh.Compute(names[c], structures[c].Mask.Span, pred, gt, truth.Spacing.VoxelVolumeCc, rxGy);
            if (dvh is null)
            {
                absent.Add(names[c]);
            }
            else
            {
                dvhs.Add(dvh);
            }
        }

        var gamma = GammaIndex.Compute(gt, pred, truth.Shape, truth.Spacing, options.Gamma, cancellationToken);
        var targets = structures.Where((s, c) => c < site.Channels.Count && site.Channels[c].Role == StructureRole.Target
                                                 && !absent.Contains(s.Item1))
            .Select(s => s.Mask).ToArray();
        GammaResult? ptvGamma = null;
        if (targets.Length > 0)
        {
            var region = PtvRegionGamma.DilatedUnion(targets, truth.Shape, truth.Spacing);
            ptvGamma = PtvRegionGamma.Restrict(gamma, region, truth.Shape, options.Gamma.Subsample);
        }

        var openKbp = ScoreOpenKbp(truth, site, structures, gt, pred, possibleDoseMask);
        return new CaseEvaluation
        {
            OpenKbp = openKbp.Exact,
            OpenKbpDoseScore = openKbp.DoseScore,
            OpenKbpDvhScore = openKbp.DvhScore,
            CaseId = truth.CaseId,
            Spacing = truth.Spacing,
            Dose = doseMetrics,
            Gamma = gamma,
            PtvRegionGamma = ptvGamma,
            Dvhs = dvhs,
            AbsentStructures = absent,
            ClinicalGoals = ClinicalGoalReport.Check(site.ClinicalGoals, dvhs.ToDictionary(d => d.Name, StringComparer.Ordinal)),
            Warnings = warnings,
        };
    }

    /// <summary>
    /// OpenKBP's scores: exact (<see cref="OpenKbpScorer"/> on the submitted form of the prediction) with a
    /// possible-dose mask; otherwise the body (CT above −500 HU) stands in for the mask and the prediction is scored as is.
    /// </summary>
    private static (OpenKbpPatientScore? Exact, double? DoseScore, double? DvhScore) ScoreOpenKbp(CaseVolume truth, TreatmentSite site,
        (string Name, ReadOnlyMemory<byte> Mask)[] structures, double[] gt, double[] pred, byte[]? possibleDoseMask)
    {
        var voxelMm3 = truth.Spacing.VoxelVolumeCc * 1000;
        var scored = structures.Select((st, c) => new ScoredStructure(st.Name, st.Mask,
            c < site.Channels.Count && site.Channels[c].Role == StructureRole.Target)).ToArray();
        if (possibleDoseMask is not null)
        {
            if (possibleDoseMask.Length != gt.Length)
            {
                throw new ArgumentException(
                    $"case {truth.CaseId}: the possible-dose mask has {possibleDoseMask.Length} voxels but the case has {gt.Length}");
            }

            var exact = OpenKbpScorer.ScoreVolume(truth.CaseId, gt, OpenKbpScorer.AsSubmitted(pred, possibleDoseMask),
                possibleDoseMask, scored, voxelMm3);
            return (exact, exact.DoseError, exact.DvhError);
        }

        var body = truth.Ct.Select(v => v > DoseMetrics.BodyCtThreshold ? (byte)1 : (byte)0).ToArray();
        var approximated = scored.Select(s => (Masked(gt, s.Mask.Span), Masked(pred, s.Mask.Span), s.IsTarget));
        return (null, OpenKbpScores.DoseScore(gt, pred, body), OpenKbpScores.DvhScore(approximated, voxelMm3));
    }

    private static double[] Masked(double[] values, ReadOnlySpan<byte> mask)
    {
        var result = new List<double>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] > 0)
            {
                result.Add(values[i]);
            }
        }

        return [.. result];
    }

    /// <summary>Dose in Gy with NaN/Inf/negative values set to 0; each kind of problem noted once with its count.</summary>
    public static double[] Sanitise(float[] normalised, double prescriptionGy, double highDoseGy, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(normalised);
        ArgumentNullException.ThrowIfNull(warnings);
        var result = new double[normalised.Length];
        int nan = 0, inf = 0, negative = 0, high = 0;
        for (var i = 0; i < normalised.Length; i++)
        {
            var v = normalised[i];
            if (float.IsNaN(v))
            {
                nan++;
            }
            else if (float.IsInfinity(v))
            {
                inf++;
            }
            else if (v < 0)
            {
                negative++;
            }
            else
            {
                result[i] = v * prescriptionGy;
                high += result[i] > highDoseGy ? 1 : 0;
            }
        }

        void Note(int count, string what)
        {
            if (count > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"prediction has {count} {what}"));
            }
        }

        Note(nan, "NaN values (set to 0)");
        Note(inf, "infinite values (set to 0)");
        Note(negative, "negative values (set to 0)");
        Note(high, string.Create(CultureInfo.InvariantCulture, $"voxels above {highDoseGy:0.#} Gy (kept)"));
        return result;
    }
}
