using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Metrics;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.Metrics;

/// <summary>
/// Point-for-point agreement with an independent numpy/scipy implementation of pymedphys' gamma_shell loop
/// (vectorised over points, scipy's RegularGridInterpolator with +inf outside the grid), on small poor pairs.
/// </summary>
public sealed class GammaNumpyPeerTests
{
    private const string Peer = """
        import sys, json, numpy as np
        from scipy.interpolate import RegularGridInterpolator
        a = json.loads(sys.argv[1])
        ref = np.load(a['ref']); ev = np.load(a['ev']); sp = a['spacing']; dp = a['dp']; dta = a['dta']
        mg = float('inf') if a['max_gamma'] is None else a['max_gamma']; local = a['local']
        def shell(d, s):
            if d == 0: return np.zeros((3, 1))
            el = np.linspace(0, np.pi, int(np.ceil(np.pi * d / s)) + 1)
            amt = np.ceil(2 * np.pi * (d * np.sin(el)) / s).astype(int) + 1
            pts = [[], [], []]
            for i, phi in enumerate(el):
                az = np.linspace(0, 2 * np.pi, amt[i] + 1)[:-1]
                pts[0].append(d * np.sin(phi) * np.cos(az)); pts[1].append(d * np.sin(phi) * np.sin(az)); pts[2].append(d * np.cos(phi) * np.ones_like(az))
            return np.array([np.hstack(p) for p in pts])
        axes = [np.arange(n) * h for n, h in zip(ref.shape, sp)]
        f = RegularGridInterpolator(axes, ev, bounds_error=False, fill_value=np.inf)
        pts = np.array([m.ravel() for m in np.meshgrid(*axes, indexing='ij')])
        flat = ref.ravel(); norm = flat.max()
        check = flat >= a['cutoff'] / 100 * norm
        cur = np.full(flat.shape, np.inf); searching = check.copy()
        step = dta / 10; d = 0.0; forced = [dta]
        while d <= dta * mg:
            idx = np.where(searching)[0]
            if len(idx) == 0: break
            sh = shell(d, step)
            vals = f((pts[:, None, idx] + sh[:, :, None]).reshape(3, -1).T).reshape(sh.shape[1], len(idx))
            r = flat[idx][None, :]
            mins = np.min(np.abs((vals - r) / (r if local else norm)), axis=0)
            cur[idx] = np.minimum(cur[idx], np.sqrt((mins / (dp / 100)) ** 2 + (d / dta) ** 2))
            searching = check & (cur > d / dta)
            step = max(d / 10 / mg, dta / 10); d = d + step
            if forced and d >= forced[0]: d = forced[0]; forced = []
        cur[~check] = np.nan; cur[np.isinf(cur)] = np.nan
        cur = np.where(cur > mg, mg, cur)
        np.save(a['out'], cur.reshape(ref.shape))
        """;

    [Theory]
    [InlineData(3.0, 3.0, 2.0, false)]
    [InlineData(2.0, 2.0, 3.0, true)]
    public void Compute_PoorAnisotropicPair_MatchesNumpyPeerPointForPoint(double dosePercent, double dtaMm, double maxGamma, bool local)
    {
        // Arrange: an off-centre blob against a shifted, scaled, rippled copy on a 2.5 x 3 x 2 mm grid.
        var shape = new VolumeShape(11, 9, 8);
        var spacing = new VoxelSpacing(2.5, 3, 2);
        var reference = Blob(shape, spacing, 0, 1.0, 0);
        var evaluated = Blob(shape, spacing, 3.5, 1.06, 0.04);
        using var folder = new TempFolder();
        Save(folder.File("ref.npy"), reference, shape);
        Save(folder.File("ev.npy"), evaluated, shape);
        var args = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["ref"] = folder.File("ref.npy"),
            ["ev"] = folder.File("ev.npy"),
            ["out"] = folder.File("peer.npy"),
            ["spacing"] = spacing.ToArray(),
            ["dp"] = dosePercent,
            ["dta"] = dtaMm,
            ["cutoff"] = 10.0,
            ["max_gamma"] = double.IsFinite(maxGamma) ? maxGamma : null,
            ["local"] = local,
        });
        var options = new GammaOptions { DosePercent = dosePercent, DistanceMm = dtaMm, MaxGamma = maxGamma, Local = local };

        // Act
        NumpyPython.RequireModule("scipy");
        NumpyPython.Run(Peer, args);
        var result = GammaIndex.Compute(reference, evaluated, shape, spacing, options, TestContext.Current.CancellationToken);

        // Assert
        using var stream = File.OpenRead(folder.File("peer.npy"));
        var peer = NpyReader.Read(stream).ToDoubleArray();
        Assert.InRange(result.PassRate!.Value, 5, 95);
        for (var i = 0; i < peer.Length; i++)
        {
            Assert.Equal(double.IsNaN(peer[i]), double.IsNaN(result.Gamma[i]));
            if (!double.IsNaN(peer[i]))
            {
                Assert.Equal(peer[i], result.Gamma[i], 1e-9);
            }
        }
    }

    private static double[] Blob(VolumeShape shape, VoxelSpacing spacing, double shiftMm, double scale, double ripple)
    {
        var dose = new double[shape.VoxelCount];
        for (var y = 0; y < shape.Y; y++)
        {
            for (var x = 0; x < shape.X; x++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var a = (y * spacing.Y) - 13 - shiftMm;
                    var b = (x * spacing.X) - 14;
                    var c = (z * spacing.Z) - 9;
                    var wave = 1 + (ripple * Math.Sin(x + (2 * z)));
                    dose[shape.IndexOf(y, x, z)] = scale * wave * 60 * Math.Exp(-((a * a) + (b * b) + (c * c)) / (2 * 8.0 * 8.0));
                }
            }
        }

        return dose;
    }

    private static void Save(string path, double[] values, VolumeShape shape)
    {
        using var file = File.Create(path);
        NpyWriter.Write(file, NpyArray.Create(values, shape.ToArray()));
    }
}
