namespace VmatTracker.Engine.Metrics;

/// <summary>
/// pymedphys' search schedule and shell geometry (dose-science 1.2b), reproduced operation for operation in double
/// precision: the pass rates only match point for point if the same evaluation positions are visited.
/// </summary>
internal static class GammaSchedule
{
    /// <summary>
    /// The distances visited, each with the step in force when it was reached. Infinite when
    /// <paramref name="maxGamma"/> is infinite (the caller stops once no point is still searching).
    /// </summary>
    public static IEnumerable<(double Distance, double Step)> Distances(double distanceMm, int interpFraction, double maxGamma)
    {
        var baseStep = distanceMm / interpFraction;
        var limit = distanceMm * maxGamma;
        var step = baseStep;
        var distance = 0.0;
        var forced = false;
        while (distance <= limit)
        {
            yield return (distance, step);

            // Same expression order as pymedphys (d / interp_fraction / max_gamma), so the sums round identically.
            step = Math.Max(distance / interpFraction / maxGamma, baseStep);
            distance += step;
            if (!forced && distance >= distanceMm)
            {
                distance = distanceMm;
                forced = true;
            }
        }
    }

    /// <summary>
    /// The shell offsets in mm at <paramref name="distance"/>, as (axis 0, axis 1, axis 2) triples, flattened. Rows of
    /// elevation phi = linspace(0, pi, ceil(pi d / s) + 1); per row ceil(2 pi d sin(phi) / s) + 1 azimuths
    /// linspace(0, 2 pi, n + 1) without the last value.
    /// </summary>
    public static double[] ShellOffsets(double distance, double step)
    {
        if (distance == 0)
        {
            return [0, 0, 0];
        }

        var rows = (int)Math.Ceiling(Math.PI * distance / step) + 1;
        var rowStep = Math.PI / (rows - 1);
        var offsets = new List<double>();
        for (var i = 0; i < rows; i++)
        {
            // numpy's linspace: i * step, with the last value set to the stop exactly.
            var phi = i == rows - 1 ? Math.PI : i * rowStep;
            var radius = distance * Math.Sin(phi);
            var count = (int)Math.Ceiling(2 * Math.PI * radius / step) + 1;
            var azimuthStep = 2 * Math.PI / count;
            var axial = distance * Math.Cos(phi);
            for (var j = 0; j < count; j++)
            {
                var theta = j * azimuthStep;
                offsets.Add(radius * Math.Cos(theta));
                offsets.Add(radius * Math.Sin(theta));
                offsets.Add(axial);
            }
        }

        return [.. offsets];
    }
}
