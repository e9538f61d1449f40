using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Geometry;

namespace VmatTracker.Engine.Phantoms;

/// <summary>
/// The phantom's arc dose (dose-science section 3, steps 1–3): coplanar static beams rotating about Z, each with a
/// radiological-depth PDD and a beam's-eye-view aperture per target. For every beam the density, body and structures
/// are resampled onto a rotated in-plane grid (beam-eye-view rows t × depth samples s, per slice) large enough to hold
/// the whole axial plane at any angle, integrated along s, and the beam dose is mapped back with bilinear interpolation.
/// Beam k travels along (cos θ, sin θ) in (Y, X) mm with θ = k·10°: beam 0 enters anteriorly and runs posterior, and the
/// start angle is fixed because the network could not see a random one.
/// </summary>
internal static class BeamDoseModel
{
    public const int BeamCount = 36;
    public const double RectumSparingWeight = 0.4;
    private const double BuildUpMm = 6.0;
    private const double AttenuationPerMm = 0.0045;
    private const double ApertureMarginMm = 5.0;
    private const double PenumbraSigmaMm = 3.0;

    // Beams are summed in fixed groups (not per worker thread) so the floating-point order, and hence every bit of
    // the dose, is the same on any machine and under any scheduling.
    private const int BeamGroups = 6;

    // Column flags (see ColumnFlags); bit 2 + k marks target k.
    private const int BodyBit = 1;
    private const int AvoidBit = 2;

    /// <summary>Inputs on the (Y, X, Z) grid; masks are 0/1.</summary>
    public sealed record Inputs(VolumeShape Shape, VoxelSpacing Spacing, double[] Density, byte[] Body, byte[][] Targets, byte[] Avoid);

    /// <summary>The summed arc dose (arbitrary units) of each target's aperture, on the (Y, X, Z) grid.</summary>
    public static double[][] ArcDoses(Inputs inputs)
    {
        var groups = new double[BeamGroups][][];
        var columns = ColumnFlags(inputs);

        // Each running group holds a rotated-grid scratch of about (1.5·max(Y, X))²·Z doubles, so no more run at once
        // than there are cores.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, BeamGroups, parallel, g =>
        {
            var frame = new BeamFrame(inputs, columns);
            var sums = inputs.Targets.Select(_ => new double[inputs.Shape.VoxelCount]).ToArray();
            for (var beam = g; beam < BeamCount; beam += BeamGroups)
            {
                frame.AddBeam(2.0 * Math.PI * beam / BeamCount, sums);
            }

            groups[g] = sums;
        });

        var total = groups[0];
        for (var g = 1; g < BeamGroups; g++)
        {
            for (var t = 0; t < total.Length; t++)
            {
                var (into, from) = (total[t], groups[g][t]);
                for (var i = 0; i < into.Length; i++)
                {
                    into[i] += from[i];
                }
            }
        }

        return total;
    }

    /// <summary>Bit k + 2 of a column's flags: target k.</summary>
    private static int TargetBit(int k) => 4 << k;

    /// <summary>
    /// Which structures each (y, x) column holds in any slice. Most rotated-grid samples fall in columns with no body,
    /// target or OAR, where interpolation would only add zeros; skipping them leaves every result bit-identical.
    /// </summary>
    private static byte[] ColumnFlags(Inputs inputs)
    {
        var nz = inputs.Shape.Z;
        var flags = new byte[inputs.Shape.Y * inputs.Shape.X];
        for (var column = 0; column < flags.Length; column++)
        {
            var span = new Range(column * nz, (column + 1) * nz);
            var bits = Any(inputs.Body, span) ? BodyBit : 0;
            bits |= Any(inputs.Avoid, span) ? AvoidBit : 0;
            for (var k = 0; k < inputs.Targets.Length; k++)
            {
                bits |= Any(inputs.Targets[k], span) ? TargetBit(k) : 0;
            }

            flags[column] = (byte)bits;
        }

        return flags;
    }

    private static bool Any(byte[] mask, Range span) => mask.AsSpan()[span].IndexOfAnyExcept((byte)0) >= 0;

    /// <summary>Per-thread scratch for one beam at a time: the rotated grid and its PDD and apertures.</summary>
    private sealed class BeamFrame
    {
        private readonly Inputs _in;
        private readonly byte[] _columns;
        private readonly double _step;
        private readonly int _m;
        private readonly int _nz;
        private readonly double[] _pdd;
        private readonly bool[][] _crossesTarget;
        private readonly bool[] _crossesAvoid;
        private readonly double[][] _aperture;

        public BeamFrame(Inputs inputs, byte[] columns)
        {
            _in = inputs;
            _columns = columns;
            var (shape, spacing) = (inputs.Shape, inputs.Spacing);
            _step = Math.Min(spacing.Y, spacing.X);

            // Half the axial diagonal plus a sample: no voxel falls outside the rotated grid at any angle.
            var half = (0.5 * Math.Sqrt(Square(shape.Y * spacing.Y) + Square(shape.X * spacing.X))) + _step;
            _m = (2 * (int)Math.Ceiling(half / _step)) + 1;
            _nz = shape.Z;
            _pdd = new double[_m * _m * _nz];
            _crossesTarget = inputs.Targets.Select(_ => new bool[_m * _nz]).ToArray();
            _crossesAvoid = new bool[_m * _nz];
            _aperture = inputs.Targets.Select(_ => new double[_m * _nz]).ToArray();
        }

        public void AddBeam(double angle, double[][] sums)
        {
            var (uy, ux) = (Math.Cos(angle), Math.Sin(angle));
            SampleAlongRays(uy, ux);
            for (var t = 0; t < _aperture.Length; t++)
            {
                BuildAperture(_crossesTarget[t], _aperture[t]);
            }

            MapBack(uy, ux, sums);
        }

        /// <summary>Radiological depth → PDD on the rotated grid, and which rays cross each target and the OAR.</summary>
        private void SampleAlongRays(double uy, double ux)
        {
            var (shape, spacing) = (_in.Shape, _in.Spacing);
            var centre = (_m - 1) / 2.0;
            var depth = new double[_nz];
            var sampleRho = new double[_nz];
            var sampleBody = new double[_nz];
            var sampleTargets = _in.Targets.Select(_ => new double[_nz]).ToArray();
            var sampleAvoid = new double[_nz];
            foreach (var c in _crossesTarget)
            {
                Array.Clear(c);
            }

            Array.Clear(_crossesAvoid);
            for (var j = 0; j < _m; j++)
            {
                var t = (j - centre) * _step;
                Array.Clear(depth);
                for (var i = 0; i < _m; i++)
                {
                    // Beam travels along +u; the lateral axis is u rotated by +90° in the (Y, X) plane.
                    var s = (i - centre) * _step;
                    var py = (s * uy) - (t * ux);
                    var px = (s * ux) + (t * uy);
                    var fy = (py / spacing.Y) + ((shape.Y - 1) / 2.0);
                    var fx = (px / spacing.X) + ((shape.X - 1) / 2.0);
                    var row = ((j * _m) + i) * _nz;
                    var corners = Bilinear.At(shape, fy, fx);
                    var bits = corners.ColumnBits(_columns, _nz);
                    if ((bits & BodyBit) == 0)
                    {
                        // No body under any corner: no depth gained, no dose, and no structure to cross.
                        _pdd.AsSpan(row, _nz).Clear();
                        continue;
                    }

                    corners.Sample(_in.Density, sampleRho);
                    corners.Sample(_in.Body, sampleBody);
                    for (var k = 0; k < sampleTargets.Length; k++)
                    {
                        SampleIf(corners, (bits & TargetBit(k)) != 0, _in.Targets[k], sampleTargets[k]);
                    }

                    SampleIf(corners, (bits & AvoidBit) != 0, _in.Avoid, sampleAvoid);
                    for (var z = 0; z < _nz; z++)
                    {
                        var inBody = sampleBody[z] >= 0.5;

                        // Mid-sample depth: half of this sample's own path counts.
                        var rho = inBody ? sampleRho[z] * _step : 0.0;
                        var d = depth[z] + (0.5 * rho);
                        depth[z] += rho;
                        _pdd[row + z] = inBody ? (1.0 - Math.Exp(-d / BuildUpMm)) * Math.Exp(-AttenuationPerMm * d) : 0.0;
                        for (var k = 0; k < sampleTargets.Length; k++)
                        {
                            _crossesTarget[k][(j * _nz) + z] |= sampleTargets[k][z] >= 0.5;
                        }

                        _crossesAvoid[(j * _nz) + z] |= sampleAvoid[z] >= 0.5;
                    }
                }
            }
        }

        private static void SampleIf(Bilinear corners, bool present, byte[] mask, double[] into)
        {
            if (present)
            {
                corners.Sample(mask, into);
            }
            else
            {
                Array.Clear(into);
            }
        }

        /// <summary>
        /// Beam's-eye-view fluence over (t, z): rays through the target, dilated by the field margin; rays through the
        /// rectum that miss the target scaled by 1 − w (crude VMAT modulation); then the Gaussian penumbra.
        /// </summary>
        private void BuildAperture(bool[] crossesTarget, double[] aperture)
        {
            var bev = new VolumeShape(_m, _nz, 1);
            var squared = DistanceTransform.Squared(crossesTarget, bev, new VoxelSpacing(_step, _in.Spacing.Z, 1.0));
            // A crossing cell stands for a ray bundle half a cell wide, so the field edge lies the margin beyond the
            // cell's edge, not its centre; otherwise a 5 mm margin would vanish on an 8 mm grid.
            var reach = ApertureMarginMm + (0.5 * Math.Min(_step, _in.Spacing.Z));
            for (var r = 0; r < aperture.Length; r++)
            {
                var open = squared[r] <= reach * reach ? 1.0 : 0.0;
                var spare = _crossesAvoid[r] && !crossesTarget[r];
                aperture[r] = open * (spare ? 1.0 - RectumSparingWeight : 1.0);
            }

            GaussianFilter.Apply2D(aperture, _m, _nz, PenumbraSigmaMm / _step, PenumbraSigmaMm / _in.Spacing.Z);
        }

        /// <summary>Adds aperture × PDD, bilinearly interpolated from the rotated grid, to every body voxel.</summary>
        private void MapBack(double uy, double ux, double[][] sums)
        {
            var (shape, spacing) = (_in.Shape, _in.Spacing);
            var centre = (_m - 1) / 2.0;
            for (var iy = 0; iy < shape.Y; iy++)
            {
                var py = (iy - ((shape.Y - 1) / 2.0)) * spacing.Y;
                for (var ix = 0; ix < shape.X; ix++)
                {
                    if ((_columns[(iy * shape.X) + ix] & BodyBit) == 0)
                    {
                        continue;
                    }

                    var px = (ix - ((shape.X - 1) / 2.0)) * spacing.X;
                    var fi = (((py * uy) + (px * ux)) / _step) + centre;
                    var fj = (((px * uy) - (py * ux)) / _step) + centre;
                    var (i0, j0) = ((int)Math.Floor(fi), (int)Math.Floor(fj));
                    var (wi, wj) = (fi - i0, fj - j0);
                    var voxel = shape.IndexOf(iy, ix, 0);
                    for (var corner = 0; corner < 4; corner++)
                    {
                        var (j, i) = (j0 + (corner >> 1), i0 + (corner & 1));
                        var w = ((corner >> 1) == 1 ? wj : 1.0 - wj) * ((corner & 1) == 1 ? wi : 1.0 - wi);
                        if (w == 0.0)
                        {
                            continue;
                        }

                        var row = ((j * _m) + i) * _nz;
                        for (var k = 0; k < sums.Length; k++)
                        {
                            var (sum, ap) = (sums[k], _aperture[k]);
                            for (var z = 0; z < _nz; z++)
                            {
                                if (_in.Body[voxel + z] != 0)
                                {
                                    sum[voxel + z] += w * ap[(j * _nz) + z] * _pdd[row + z];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static double Square(double v) => v * v;
}
