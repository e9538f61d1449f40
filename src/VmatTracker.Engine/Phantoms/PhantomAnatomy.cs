using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Phantoms;

/// <summary>One phantom's structure masks (Y, X, Z; 1 inside) and CT in HU.</summary>
internal sealed class PhantomAnatomy
{
    public required byte[] Body { get; init; }

    public required byte[] Ptv70 { get; init; }

    public required byte[] Ptv56 { get; init; }

    public required byte[] Prostate { get; init; }

    public required byte[] Rectum { get; init; }

    public required byte[] Bladder { get; init; }

    public required byte[] FemurL { get; init; }

    public required byte[] FemurR { get; init; }

    public required byte[] Bowel { get; init; }

    public required double[] Hu { get; init; }

    /// <summary>The masks in the prostate site's channel order (PTV70, PTV56, Prostate, Rectum, Bladder, Femur_L, Femur_R, Bowel).</summary>
    public byte[][] ChannelMasks => [Ptv70, Ptv56, Prostate, Rectum, Bladder, FemurL, FemurR, Bowel];
}

/// <summary>
/// Draws one phantom's anatomy (dose-science section 3). Sizes and positions are millimetres in the 256 × 256 × 192 mm
/// reference field of view and are scaled per axis to the actual one, so a 32-voxel grid holds the same anatomy as a
/// 64-voxel one, only coarser. Coordinates are mm from the volume centre: +y posterior, +x patient left, +z superior.
/// </summary>
internal static class AnatomyBuilder
{
    private const double PtvMarginMm = 6.0;
    private const double MinRadiusVoxels = 1.5;
    private const double WaterHu = 20.0;
    private const double NoiseHu = 15.0;
    private const double AirHu = -1000.0;
    private const double BoneHu = 700.0;
    private const double BladderHu = 10.0;

    private readonly record struct Vec(double Y, double X, double Z)
    {
        public static Vec operator +(Vec a, Vec b) => new(a.Y + b.Y, a.X + b.X, a.Z + b.Z);
    }

    public static PhantomAnatomy Build(SeededRandom rng, VolumeShape shape, VoxelSpacing spacing)
    {
        var fov = PhantomOptions.ReferenceFieldOfViewMm;
        var scale = new Vec(shape.Y * spacing.Y / fov.Y, shape.X * spacing.X / fov.X, shape.Z * spacing.Z / fov.Z);
        var minRadius = new Vec(MinRadiusVoxels * spacing.Y, MinRadiusVoxels * spacing.X, MinRadiusVoxels * spacing.Z);

        // Every draw happens here, in a fixed order, so a seed always names the same anatomy.
        var bodyRadius = new Vec(rng.Uniform(75, 95), rng.Uniform(100, 122), 0);
        var prostateCentre = new Vec(rng.Uniform(-5, 10), rng.Uniform(-5, 5), rng.Uniform(-8, 8));
        var prostateRadius = new Vec(rng.Uniform(16, 22), rng.Uniform(20, 27), rng.Uniform(18, 25));
        var svCentre = prostateCentre + new Vec(rng.Uniform(8, 15), 0, rng.Uniform(18, 28));
        var svRadius = new Vec(rng.Uniform(10, 14), rng.Uniform(25, 35), rng.Uniform(14, 20));
        var rectumY = prostateCentre.Y + prostateRadius.Y + rng.Uniform(4, 10);
        var rectumX = rng.Uniform(-4, 4);
        var rectumRadius = rng.Uniform(12, 17);
        const double RectumHalfLength = 55.0;
        var bladderCentre = prostateCentre + new Vec(-rng.Uniform(18, 26), 0, rng.Uniform(28, 38));
        var bladderRadius = new Vec(rng.Uniform(22, 30), rng.Uniform(28, 38), rng.Uniform(22, 30));
        var bowelRadius = new Vec(rng.Uniform(20, 25), rng.Uniform(40, 50), rng.Uniform(14, 18));

        // Small-bowel loops rest just superior to the seminal vesicles, behind the bladder: close enough to the elective
        // volume to take low-to-moderate dose, and outside both the bladder and PTV56 (subtracted below).
        var bowelCentre = new Vec(svCentre.Y - 10, prostateCentre.X, svCentre.Z + svRadius.Z + 10);
        var femurLCentre = new Vec(prostateCentre.Y - 5, rng.Uniform(80, 92), prostateCentre.Z + rng.Uniform(-5, 5));
        var femurRCentre = new Vec(prostateCentre.Y - 5, -rng.Uniform(80, 92), prostateCentre.Z + rng.Uniform(-5, 5));
        const double FemurRadius = 22.0;

        Vec Scaled(Vec v) => new(v.Y * scale.Y, v.X * scale.X, v.Z * scale.Z);
        Vec Radius(Vec r) => new(Math.Max(r.Y * scale.Y, minRadius.Y), Math.Max(r.X * scale.X, minRadius.X),
            Math.Max(r.Z * scale.Z, minRadius.Z));
        Vec Grown(Vec r) => r + new Vec(PtvMarginMm, PtvMarginMm, PtvMarginMm);

        var n = shape.VoxelCount;
        var a = new PhantomAnatomy
        {
            Body = new byte[n],
            Ptv70 = new byte[n],
            Ptv56 = new byte[n],
            Prostate = new byte[n],
            Rectum = new byte[n],
            Bladder = new byte[n],
            FemurL = new byte[n],
            FemurR = new byte[n],
            Bowel = new byte[n],
            Hu = new double[n],
        };

        var body = Radius(bodyRadius);
        var pc = Scaled(prostateCentre);
        var (pr, ptvR) = (Radius(prostateRadius), Radius(Grown(prostateRadius)));
        var (sc, svPtvR) = (Scaled(svCentre), Radius(Grown(svRadius)));
        var rectumCentre = Scaled(new Vec(rectumY, rectumX, prostateCentre.Z));
        var rectumR = Radius(new Vec(rectumRadius, rectumRadius, RectumHalfLength));
        var (bc, br) = (Scaled(bladderCentre), Radius(bladderRadius));
        var (wc, wr) = (Scaled(bowelCentre), Radius(bowelRadius));
        var (flc, frc, fr) = (Scaled(femurLCentre), Scaled(femurRCentre), Radius(new Vec(FemurRadius, FemurRadius, FemurRadius)));

        for (var iy = 0; iy < shape.Y; iy++)
        {
            var y = (iy - ((shape.Y - 1) / 2.0)) * spacing.Y;
            for (var ix = 0; ix < shape.X; ix++)
            {
                var x = (ix - ((shape.X - 1) / 2.0)) * spacing.X;
                for (var iz = 0; iz < shape.Z; iz++)
                {
                    var z = (iz - ((shape.Z - 1) / 2.0)) * spacing.Z;
                    var i = shape.IndexOf(iy, ix, iz);
                    var p = new Vec(y, x, z);
                    if (Square(y / body.Y) + Square(x / body.X) > 1.0)
                    {
                        continue;
                    }

                    a.Body[i] = 1;
                    var ptv70 = Inside(p, pc, ptvR);
                    var ptv56 = ptv70 || Inside(p, sc, svPtvR);
                    var bladder = Inside(p, bc, br);
                    a.Ptv70[i] = Flag(ptv70);
                    a.Ptv56[i] = Flag(ptv56);
                    a.Prostate[i] = Flag(Inside(p, pc, pr));
                    a.Bladder[i] = Flag(bladder);
                    a.Rectum[i] = Flag(Square((y - rectumCentre.Y) / rectumR.Y) + Square((x - rectumCentre.X) / rectumR.X) <= 1.0
                                       && Math.Abs(z - rectumCentre.Z) <= rectumR.Z);
                    a.Bowel[i] = Flag(Inside(p, wc, wr) && !bladder && !ptv56);
                    a.FemurL[i] = Flag(Inside(p, flc, fr));
                    a.FemurR[i] = Flag(Inside(p, frc, fr));
                }
            }
        }

        // A last guard for extreme grids: a structure that rasterised to nothing gets the voxel nearest its centre.
        EnsurePresent(a.Ptv70, pc, shape, spacing);
        EnsurePresent(a.Ptv56, pc, shape, spacing);
        EnsurePresent(a.Prostate, pc, shape, spacing);
        EnsurePresent(a.Rectum, rectumCentre, shape, spacing);
        EnsurePresent(a.Bladder, bc, shape, spacing);
        EnsurePresent(a.Bowel, wc, shape, spacing);
        EnsurePresent(a.FemurL, flc, shape, spacing);
        EnsurePresent(a.FemurR, frc, shape, spacing);
        FillHu(a, rng);
        return a;
    }

    private static void FillHu(PhantomAnatomy a, SeededRandom rng)
    {
        for (var i = 0; i < a.Hu.Length; i++)
        {
            if (a.Body[i] == 0)
            {
                a.Hu[i] = AirHu;
                continue;
            }

            // Noise is drawn for every body voxel, bone included, so the stream does not depend on the femur masks.
            var noisy = WaterHu + (NoiseHu * rng.NextNormal());
            a.Hu[i] = a.FemurL[i] != 0 || a.FemurR[i] != 0 ? BoneHu : a.Bladder[i] != 0 ? BladderHu : noisy;
        }
    }

    private static void EnsurePresent(byte[] mask, Vec centre, VolumeShape shape, VoxelSpacing spacing)
    {
        if (mask.AsSpan().IndexOfAnyExcept((byte)0) >= 0)
        {
            return;
        }

        var iy = Math.Clamp((int)Math.Round((centre.Y / spacing.Y) + ((shape.Y - 1) / 2.0)), 0, shape.Y - 1);
        var ix = Math.Clamp((int)Math.Round((centre.X / spacing.X) + ((shape.X - 1) / 2.0)), 0, shape.X - 1);
        var iz = Math.Clamp((int)Math.Round((centre.Z / spacing.Z) + ((shape.Z - 1) / 2.0)), 0, shape.Z - 1);
        mask[shape.IndexOf(iy, ix, iz)] = 1;
    }

    private static bool Inside(Vec p, Vec c, Vec r) =>
        Square((p.Y - c.Y) / r.Y) + Square((p.X - c.X) / r.X) + Square((p.Z - c.Z) / r.Z) <= 1.0;

    private static double Square(double v) => v * v;

    private static byte Flag(bool value) => value ? (byte)1 : (byte)0;
}
