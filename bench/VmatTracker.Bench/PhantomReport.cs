using System.Globalization;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Metrics;

namespace VmatTracker.Bench;

/// <summary>A one-line DVH summary of a generated case, so a benchmark run also shows the dose is plausible.</summary>
internal static class PhantomReport
{
    public static string Summarise(CaseVolume volume)
    {
        double[] Inside(int channel)
        {
            var mask = volume.MaskChannel(channel);
            var values = new List<double>();
            for (var i = 0; i < mask.Length; i++)
            {
                if (mask[i] != 0)
                {
                    values.Add(volume.Dose[i] * 70.0);
                }
            }

            values.Sort();
            return [.. values];
        }

        static double Lower(double[] sorted, double q) => DvhValues.LowerPercentile(sorted, q);
        var ptv70 = Inside(0);
        var rectum = Inside(3);
        var bladder = Inside(4);
        var femur = Math.Max(Inside(5).Max(), Inside(6).Max());
        var bowel = Inside(7);
        return string.Create(CultureInfo.InvariantCulture,
            $"PTV70 D95={Lower(ptv70, 5):F1} D2={Lower(ptv70, 98):F1}  PTV56 D95={Lower(Inside(1), 5):F1}  rectum mean={rectum.Average():F1}  bladder mean={bladder.Average():F1}  femur max={femur:F1}  bowel mean={bowel.Average():F1}  dose max={volume.Dose.Max():F3}");
    }
}
