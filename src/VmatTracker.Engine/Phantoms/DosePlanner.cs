using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Geometry;

namespace VmatTracker.Engine.Phantoms;

/// <summary>
/// Turns the anatomy into a plan dose in Gy (dose-science section 3, steps 1–5): arc doses for the PTV70 and PTV56
/// apertures, scatter, a two-level "optimisation" on medians and a final rescale to PTV70 D95 = 70 Gy. Nothing here
/// is random, so the dose is a function of what the network sees (CT and structures).
/// </summary>
internal static class DosePlanner
{
    public const double PrimaryGy = 70.0;
    private const double BoostMedianGy = 72.0;
    private const double ElectiveMedianGy = 58.0;
    private const double ScatterFraction = 0.15;
    private const double ScatterSigmaMm = 12.0;

    public static double[] Plan(PhantomAnatomy anatomy, VolumeShape shape, VoxelSpacing spacing)
    {
        var density = new double[anatomy.Hu.Length];
        for (var i = 0; i < density.Length; i++)
        {
            density[i] = Math.Clamp(1.0 + (anatomy.Hu[i] / 1000.0), 0.0, 2.0);
        }

        var arcs = BeamDoseModel.ArcDoses(new BeamDoseModel.Inputs(shape, spacing, density, anatomy.Body,
            [anatomy.Ptv70, anatomy.Ptv56], anatomy.Rectum));
        var (d70, d56) = (arcs[0], arcs[1]);
        Parallel.Invoke(() => AddScatter(d70, shape, spacing), () => AddScatter(d56, shape, spacing));

        // The elective ring (PTV56 outside PTV70) sets the PTV56 level; a grid too coarse to have one falls back to
        // the whole PTV56.
        var ring = new byte[density.Length];
        for (var i = 0; i < ring.Length; i++)
        {
            ring[i] = (byte)(anatomy.Ptv56[i] != 0 && anatomy.Ptv70[i] == 0 ? 1 : 0);
        }

        var ringMask = ring.AsSpan().IndexOfAnyExcept((byte)0) >= 0 ? ring : anatomy.Ptv56;
        var w56 = ElectiveMedianGy / PositiveMedian(d56, ringMask);
        var base70 = Median(d56, anatomy.Ptv70) * w56;
        var w70 = Math.Max(0.0, (BoostMedianGy - base70) / PositiveMedian(d70, anatomy.Ptv70));

        var dose = new double[density.Length];
        for (var i = 0; i < dose.Length; i++)
        {
            dose[i] = anatomy.Body[i] != 0 ? (w56 * d56[i]) + (w70 * d70[i]) : 0.0;
        }

        var d95 = DoseStatistics.PercentileLower(DoseStatistics.SortedInside(dose, anatomy.Ptv70), 5.0);
        var rescale = PrimaryGy / d95;
        for (var i = 0; i < dose.Length; i++)
        {
            dose[i] *= rescale;
        }

        return dose;
    }

    /// <summary>0.85·D + 0.15·Gauss_12mm(D): a broad scatter halo around the primary dose.</summary>
    private static void AddScatter(double[] dose, VolumeShape shape, VoxelSpacing spacing)
    {
        var blurred = (double[])dose.Clone();
        GaussianFilter.Apply3D(blurred, shape, spacing, ScatterSigmaMm, ScatterSigmaMm, ScatterSigmaMm);
        for (var i = 0; i < dose.Length; i++)
        {
            dose[i] = ((1.0 - ScatterFraction) * dose[i]) + (ScatterFraction * blurred[i]);
        }
    }

    private static double Median(double[] dose, byte[] mask) => DoseStatistics.Median(DoseStatistics.SortedInside(dose, mask));

    private static double PositiveMedian(double[] dose, byte[] mask)
    {
        var median = Median(dose, mask);
        return median > 0 ? median : throw new InvalidOperationException("A target received no dose; the beam model missed it.");
    }
}
