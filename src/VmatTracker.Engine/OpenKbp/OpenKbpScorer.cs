using VmatTracker.Engine.Metrics;

namespace VmatTracker.Engine.OpenKbp;

/// <summary>One patient's OpenKBP errors.</summary>
/// <param name="PatientId">The patient (pt_N).</param>
/// <param name="DoseError">Σ|reference − prediction| over all voxels / voxels in the possible-dose mask, in Gy.</param>
/// <param name="DvhErrors">|reference − prediction| per present structure and metric, in Gy.</param>
public sealed record OpenKbpPatientScore(string PatientId, double DoseError,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> DvhErrors)
{
    /// <summary>The mean of this patient's DVH errors; null when no structure is present.</summary>
    public double? DvhError => DvhErrors.Count == 0 ? null : DvhErrors.Values.SelectMany(m => m.Values).Average();
}

/// <summary>OpenKBP's scores over a set of patients.</summary>
/// <param name="DoseScore">Mean of the patients' dose errors (OpenKBP: dose_errors.mean()).</param>
/// <param name="DvhScore">Mean over every (patient, structure, metric) error that exists (OpenKBP: np.nanmean over its
/// patient × metric table), not the mean of per-patient means.</param>
/// <param name="Patients">Each scored patient.</param>
/// <param name="Problems">Patients that could not be scored, and why (naming the file).</param>
public sealed record OpenKbpScoreReport(double? DoseScore, double? DvhScore, IReadOnlyList<OpenKbpPatientScore> Patients,
    IReadOnlyList<string> Problems);

/// <summary>A structure OpenKBP scores.</summary>
/// <param name="Name">Structure name (OpenKBP's, e.g. PTV70, Brainstem).</param>
/// <param name="Mask">Its mask, one byte per voxel in the dose's order.</param>
/// <param name="IsTarget">Targets get D_99, D_95 and D_1; organs at risk D_0.1_cc and mean.</param>
public sealed record ScoredStructure(string Name, ReadOnlyMemory<byte> Mask, bool IsTarget);

/// <summary>
/// OpenKBP's evaluation (ababier/open-kbp <c>DoseEvaluator</c>): per patient the dose error and the DVH metrics of
/// the reference and the prediction on the reference's structure masks; organs at risk get D_0.1_cc and mean,
/// targets D_99, D_95 and D_1 (numpy linear percentiles, <see cref="OpenKbpScores"/>); absent structures are skipped.
/// </summary>
public static class OpenKbpScorer
{
    /// <summary>Scores a prediction (Gy, contract order, 128³) against a reference patient.</summary>
    public static OpenKbpPatientScore ScorePatient(OpenKbpPatient reference, ReadOnlySpan<double> predictedGy)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var structures = OpenKbpPatient.AllStructureNames
            .Where(reference.Structures.ContainsKey)
            .Select(name => new ScoredStructure(name, reference.Structures[name], OpenKbpFormat.Targets.Contains(name)));
        return ScoreVolume(reference.Id, reference.DoseGy, predictedGy, reference.PossibleDoseMask, structures, reference.VoxelVolumeMm3);
    }

    /// <summary>
    /// OpenKBP's errors of one volume of any shape: the dose error over <paramref name="possibleDoseMask"/> and the DVH
    /// errors of each structure that has voxels. The prediction is scored as given: apply
    /// <see cref="AsSubmitted"/> first to score what a submission CSV would hold.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ or the possible-dose mask is empty.</exception>
    public static OpenKbpPatientScore ScoreVolume(string patientId, ReadOnlySpan<double> referenceGy, ReadOnlySpan<double> predictedGy,
        ReadOnlySpan<byte> possibleDoseMask, IEnumerable<ScoredStructure> structures, double voxelVolumeMm3)
    {
        ArgumentNullException.ThrowIfNull(structures);
        if (predictedGy.Length != referenceGy.Length || possibleDoseMask.Length != referenceGy.Length)
        {
            throw new ArgumentException(
                $"{patientId}: the prediction has {predictedGy.Length} voxels, the reference {referenceGy.Length} and the possible-dose mask {possibleDoseMask.Length}.",
                nameof(predictedGy));
        }

        var doseError = OpenKbpScores.DoseScore(referenceGy, predictedGy, possibleDoseMask)
                        ?? throw new ArgumentException($"{patientId}: the possible-dose mask is empty.", nameof(possibleDoseMask));
        var dvh = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var structure in structures)
        {
            var mask = structure.Mask.Span;
            var truth = OpenKbpScores.DvhMetrics(Masked(referenceGy, mask), structure.IsTarget, voxelVolumeMm3);
            var pred = OpenKbpScores.DvhMetrics(Masked(predictedGy, mask), structure.IsTarget, voxelVolumeMm3);
            if (truth is null || pred is null)
            {
                continue;
            }

            dvh[structure.Name] = truth.Keys.ToDictionary(k => k, k => Math.Abs(truth[k] - pred[k]), StringComparer.Ordinal);
        }

        return new OpenKbpPatientScore(patientId, doseError, dvh);
    }

    /// <summary>
    /// What OpenKBP's baseline submits for a predicted dose: the dose inside the possible-dose mask, zero outside it,
    /// negatives set to zero (<see cref="OpenKbpSubmission"/> writes the same values to CSV).
    /// </summary>
    public static double[] AsSubmitted(ReadOnlySpan<double> predictedGy, ReadOnlySpan<byte> possibleDoseMask)
    {
        var submitted = new double[predictedGy.Length];
        for (var i = 0; i < submitted.Length; i++)
        {
            submitted[i] = possibleDoseMask[i] != 0 && predictedGy[i] > 0 ? predictedGy[i] : 0;
        }

        return submitted;
    }

    /// <summary>OpenKBP's overall scores of <paramref name="patients"/>; nulls when there is nothing to average.</summary>
    public static (double? DoseScore, double? DvhScore) Aggregate(IReadOnlyCollection<OpenKbpPatientScore> patients)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var dvh = patients.SelectMany(p => p.DvhErrors.Values.SelectMany(m => m.Values)).ToList();
        return (patients.Count == 0 ? null : patients.Average(p => p.DoseError), dvh.Count == 0 ? null : dvh.Average());
    }

    /// <summary>
    /// Scores every patient folder under <paramref name="referenceFolder"/> against <c>pt_N.csv</c> in
    /// <paramref name="predictionFolder"/>. A patient whose reference or prediction is unreadable or missing is listed
    /// in the problems and left out of the scores.
    /// </summary>
    public static OpenKbpScoreReport Score(string referenceFolder, string predictionFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(referenceFolder);
        ArgumentException.ThrowIfNullOrEmpty(predictionFolder);
        var scores = new List<OpenKbpPatientScore>();
        var problems = new List<string>();
        var folders = OpenKbpPatient.FindPatientFolders(referenceFolder);
        if (folders.Count == 0)
        {
            problems.Add($"{referenceFolder}: holds no OpenKBP patient folders (folders of .csv files)");
        }

        foreach (var folder in folders)
        {
            try
            {
                var reference = OpenKbpPatient.Load(folder, withCt: false);
                var file = Path.Combine(predictionFolder, reference.Id + ".csv");
                var predicted = OpenKbpCsv.Read(file, isMask: false, allowNoVoxels: true).ToContractDoubles();
                scores.Add(ScorePatient(reference, predicted));
            }
            catch (OpenKbpPatientException e)
            {
                problems.AddRange(e.Problems.Select(p => $"{e.PatientId}: {p}"));
            }
            catch (OpenKbpFormatException e)
            {
                problems.Add($"{Path.GetFileName(folder)}: {e.Message}");
            }
        }

        var (dose, dvh) = Aggregate(scores);
        return new OpenKbpScoreReport(dose, dvh, scores, problems);
    }

    private static double[] Masked(ReadOnlySpan<double> dose, ReadOnlySpan<byte> mask)
    {
        var values = new List<double>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                values.Add(dose[i]);
            }
        }

        return [.. values];
    }
}
