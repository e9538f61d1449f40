using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Engine.Evaluation;

/// <summary>
/// What a dashboard needs to draw one case without recomputing (docs/evaluation-format.md):
/// <c>dvh/&lt;case&gt;.json</c>, cumulative DVH curves per structure, and <c>slices/&lt;case&gt;.npz</c>, axial,
/// coronal and sagittal planes through the PTV70 centroid.
/// </summary>
public static class EvaluationArtifacts
{
    /// <summary>Writes both files of one case under <paramref name="folder"/>.</summary>
    public static void Write(string folder, CaseVolume truth, double[] predGy, CaseEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predGy);
        ArgumentNullException.ThrowIfNull(evaluation);
        Directory.CreateDirectory(Path.Combine(folder, "dvh"));
        Directory.CreateDirectory(Path.Combine(folder, "slices"));
        File.WriteAllText(Path.Combine(folder, "dvh", truth.CaseId + ".json"), DvhJson(evaluation).ToJsonString());
        WriteSlices(Path.Combine(folder, "slices", truth.CaseId + ".npz"), truth, predGy, evaluation);
    }

    /// <summary>{structure: {"dose_gy": [...], "volume_pct": [...], "truth_volume_pct": [...]}}: the prediction's curve, and the truth's beside it.</summary>
    public static JsonObject DvhJson(CaseEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var o = new JsonObject();
        foreach (var s in evaluation.Dvhs)
        {
            o[s.Name] = new JsonObject
            {
                ["dose_gy"] = new JsonArray([.. s.PredictedCurve.DoseGy.Select(v => (JsonNode)v)]),
                ["volume_pct"] = new JsonArray([.. s.PredictedCurve.VolumePct.Select(v => (JsonNode)v)]),
                ["truth_volume_pct"] = new JsonArray([.. s.TruthCurve.VolumePct.Select(v => (JsonNode)v)]),
            };
        }

        return o;
    }

    /// <summary>The voxel nearest the PTV70 centroid (the volume's centre when there is no PTV70).</summary>
    public static (int Y, int X, int Z) Centroid(CaseVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var site = SiteCatalog.TryGet(volume.Metadata.Site, out var known) ? known : SiteCatalog.Default;
        var channel = site.IndexOf("PTV70");
        var s = volume.Shape;
        if (channel >= 0 && channel < volume.ChannelCount)
        {
            var mask = volume.MaskChannel(channel);
            double y = 0, x = 0, z = 0;
            var n = 0;
            for (var i = 0; i < mask.Length; i++)
            {
                if (mask[i] > 0)
                {
                    y += i / (s.X * s.Z);
                    x += i / s.Z % s.X;
                    z += i % s.Z;
                    n++;
                }
            }

            if (n > 0)
            {
                return ((int)Math.Round(y / n), (int)Math.Round(x / n), (int)Math.Round(z / n));
            }
        }

        return (s.Y / 2, s.X / 2, s.Z / 2);
    }

    private static void WriteSlices(string path, CaseVolume truth, double[] predGy, CaseEvaluation evaluation)
    {
        var s = truth.Shape;
        var rx = SiteCatalog.TryGet(truth.Metadata.Site, out var site) ? site.PrescriptionGy : SiteCatalog.Default.PrescriptionGy;
        var (cy, cx, cz) = Centroid(truth);
        var ct = truth.Ct.Select(v => (float)((v - 0.5) * 4000)).ToArray();
        var gt = truth.Dose.Select(v => (float)(v * rx)).ToArray();
        var pred = predGy.Select(v => (float)v).ToArray();
        var diff = pred.Zip(gt, (p, t) => p - t).ToArray();
        var g = evaluation.Gamma;
        var gamma = g.Gamma.Select(v => (float)v).ToArray();
        var k = Math.Max(1, (int)Math.Round(g.Spacing.Y / truth.Spacing.Y));
        var gs = g.Shape;
        var (gy, gx, gz) = (Math.Min(cy / k, gs.Y - 1), Math.Min(cx / k, gs.X - 1), Math.Min(cz / k, gs.Z - 1));

        using var npz = NpzWriter.Create(path);
        foreach (var (name, values) in new[] { ("ct", ct), ("truth", gt), ("prediction", pred), ("difference", diff) })
        {
            npz.Write($"axial_{name}", Plane(values, s, 2, cz));
            npz.Write($"coronal_{name}", Plane(values, s, 0, cy));
            npz.Write($"sagittal_{name}", Plane(values, s, 1, cx));
        }

        npz.Write("axial_gamma", Plane(gamma, gs, 2, gz));
        npz.Write("coronal_gamma", Plane(gamma, gs, 0, gy));
        npz.Write("sagittal_gamma", Plane(gamma, gs, 1, gx));
        npz.Write("centroid_yxz", NpyArray.Create(new[] { cy, cx, cz }, 3));
    }

    /// <summary>The plane at <paramref name="index"/> of <paramref name="axis"/>, keeping the other two axes in order.</summary>
    private static NpyArray Plane(float[] values, VolumeShape s, int axis, int index)
    {
        var (rows, cols) = axis switch { 0 => (s.X, s.Z), 1 => (s.Y, s.Z), _ => (s.Y, s.X) };
        var plane = new float[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                plane[(r * cols) + c] = values[axis switch
                {
                    0 => s.IndexOf(index, r, c),
                    1 => s.IndexOf(r, index, c),
                    _ => s.IndexOf(r, c, index),
                }];
            }
        }

        return NpyArray.Create(plane, rows, cols);
    }
}
