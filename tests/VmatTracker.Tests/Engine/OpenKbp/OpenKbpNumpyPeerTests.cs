using System.Text.Json;
using VmatTracker.Engine.OpenKbp;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.OpenKbp;

/// <summary>
/// Agreement with an independent numpy implementation of OpenKBP's published evaluation (DoseEvaluator: dose error
/// over the possible-dose mask, D_0.1_cc / mean for organs at risk, D_99 / D_95 / D_1 for targets with numpy's
/// linear percentile, np.nanmean over the patient × metric table) on two real sample patients and a perturbed
/// prediction the peer writes itself.
/// </summary>
public sealed class OpenKbpNumpyPeerTests
{
    private const string Peer = """
        import sys, os, json, numpy as np
        ref_dir, pred_dir = sys.argv[1], sys.argv[2]
        oars = ['Brainstem', 'SpinalCord', 'RightParotid', 'LeftParotid', 'Esophagus', 'Larynx', 'Mandible']
        targets = ['PTV56', 'PTV63', 'PTV70']
        def read(path):
            with open(path) as f:
                rows = [l.strip().split(',') for l in f.read().splitlines()[1:] if l.strip()]
            idx = np.array([int(r[0]) for r in rows], dtype=np.int64)
            val = np.array([float(r[1]) if r[1] else 1.0 for r in rows])
            return idx, val
        def dense(path):
            out = np.zeros((128, 128, 128)); idx, val = read(path)
            np.put(out, idx, val); return out
        def mask(path):
            out = np.zeros((128, 128, 128), dtype=bool)
            if os.path.exists(path): np.put(out, read(path)[0], True)
            return out
        patients = sorted(os.listdir(ref_dir))
        columns = [(m, r) for m in ['D_0.1_cc', 'mean'] for r in oars] + [(m, r) for m in ['D_99', 'D_95', 'D_1'] for r in targets]
        ref_table = np.full((len(patients), len(columns)), np.nan); pred_table = ref_table.copy()
        dose_errors = []; rng = np.random.default_rng(8)
        for p, pid in enumerate(patients):
            folder = os.path.join(ref_dir, pid)
            ref = dense(os.path.join(folder, 'dose.csv'))
            possible = mask(os.path.join(folder, 'possible_dose_mask.csv'))
            # The perturbed prediction: scaled, shifted and noisy, masked and non-negative, written as OpenKBP does.
            pred = np.maximum(0, ref * 1.06 - 0.9 + rng.normal(0, 1.5, ref.shape)) * possible
            flat = pred.flatten(); nz = np.nonzero(flat)[0]
            with open(os.path.join(pred_dir, pid + '.csv'), 'w') as f:
                f.write(',data\n'); f.writelines(f'{i},{flat[i]!r}\n' for i in nz)
            pred = dense(os.path.join(pred_dir, pid + '.csv'))
            voxel_size = np.prod(np.loadtxt(os.path.join(folder, 'voxel_dimensions.csv')))
            tenth_cc = np.maximum(1, np.round(100 / voxel_size))
            dose_errors.append(np.sum(np.abs(ref - pred)) / np.sum(possible))
            masks = {roi: mask(os.path.join(folder, roi + '.csv')) for roi in oars + targets}
            for c, (metric, roi) in enumerate(columns):
                m = masks[roi]
                if not m.any(): continue
                for table, dose in ((ref_table, ref), (pred_table, pred)):
                    d = dose[m]
                    if metric == 'D_0.1_cc': v = np.percentile(d, 100 - tenth_cc / d.size * 100)
                    elif metric == 'mean': v = d.mean()
                    else: v = np.percentile(d, 100 - int(metric.split('_')[1]))
                    table[p, c] = v
        diff = np.abs(ref_table - pred_table)
        result = {'dose_score': float(np.mean(dose_errors)), 'dvh_score': float(np.nanmean(diff)), 'patients': {}}
        for p, pid in enumerate(patients):
            dvh = {}
            for c, (metric, roi) in enumerate(columns):
                if not np.isnan(diff[p, c]): dvh.setdefault(roi, {})[metric] = float(diff[p, c])
            result['patients'][pid] = {'dose_error': float(dose_errors[p]), 'dvh': dvh}
        print(json.dumps(result))
        """;

    [Fact]
    public void Score_TwoSamplePatients_AgreesWithNumpyPeerWithin1e6Gy()
    {
        // Arrange: pt_1 and pt_22 between them have every OpenKBP structure
        NumpyPython.Require();
        using var temp = new TempFolder("openkbp-peer");
        var reference = OpenKbpSample.Subset(temp, "reference", "pt_1", "pt_22");
        var predictions = Directory.CreateDirectory(temp.File("predictions")).FullName;
        using var peer = JsonDocument.Parse(NumpyPython.Run(Peer, reference, predictions));

        // Act
        var report = OpenKbpScorer.Score(reference, predictions);

        // Assert
        Assert.Empty(report.Problems);
        var expected = peer.RootElement;
        Assert.Equal(expected.GetProperty("dose_score").GetDouble(), report.DoseScore!.Value, 1e-6);
        Assert.Equal(expected.GetProperty("dvh_score").GetDouble(), report.DvhScore!.Value, 1e-6);
        var cells = 0;
        foreach (var patient in expected.GetProperty("patients").EnumerateObject())
        {
            var ours = report.Patients.Single(p => p.PatientId == patient.Name);
            Assert.Equal(patient.Value.GetProperty("dose_error").GetDouble(), ours.DoseError, 1e-6);
            var dvh = patient.Value.GetProperty("dvh");
            Assert.Equal(dvh.EnumerateObject().Select(s => s.Name).Order(StringComparer.Ordinal),
                ours.DvhErrors.Keys.Order(StringComparer.Ordinal));
            foreach (var structure in dvh.EnumerateObject())
            {
                foreach (var metric in structure.Value.EnumerateObject())
                {
                    Assert.Equal(metric.Value.GetDouble(), ours.DvhErrors[structure.Name][metric.Name], 1e-6);
                    cells++;
                }
            }
        }

        // pt_1: 5 organs at risk × 2 metrics + 3 targets × 3; pt_22: 7 × 2 + 2 × 3
        Assert.Equal(19 + 20, cells);
        Assert.True(report.DoseScore > 0.5, "the perturbation is large enough to measure");
    }
}
