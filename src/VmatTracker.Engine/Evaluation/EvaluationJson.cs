using System.Globalization;
using System.Text.Json.Nodes;
using VmatTracker.Engine.Metrics;
using VmatTracker.Engine.OpenKbp;

namespace VmatTracker.Engine.Evaluation;

/// <summary>
/// evaluation_results.json in the reference's later, nested shape (reference-spec 5.2); the inner keys the
/// reference leaves open are documented in docs/evaluation-format.md.
/// </summary>
public static class EvaluationJson
{
    /// <summary>Version of this file's layout.</summary>
    public const string FrameworkVersion = "1.0.0";

    /// <summary>The whole report: aggregate (mean and population std), per case, and the cases that failed.</summary>
    public static JsonObject Build(IReadOnlyList<CaseEvaluation> cases, IReadOnlyList<(string CaseId, string Error)> failures,
        EvaluationOptions options, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(options);
        var g = options.Gamma;
        return new JsonObject
        {
            ["framework_version"] = FrameworkVersion,
            ["n_cases"] = cases.Count,
            ["timestamp"] = timestamp.ToString("O", CultureInfo.InvariantCulture),
            ["gamma_subsample"] = g.Subsample,
            ["gamma_settings"] = new JsonObject
            {
                ["dose_percent"] = g.DosePercent,
                ["dta_mm"] = g.DistanceMm,
                ["lower_cutoff_percent"] = g.LowerCutoffPercent,
                ["interp_fraction"] = g.InterpFraction,
                ["max_gamma"] = double.IsFinite(g.MaxGamma) ? g.MaxGamma : null,
                ["local"] = g.Local,
                ["pass_rule"] = "gamma <= 1 (gamma_pass_rate); gamma < 1 (gamma_pass_rate_strict)",
            },
            ["aggregate_metrics"] = Aggregate(cases),
            ["per_case_results"] = new JsonArray([.. cases.Select(Case)]),
            ["failed_cases"] = new JsonArray([.. failures.Select(f => (JsonNode)new JsonObject { ["case_id"] = f.CaseId, ["error"] = f.Error })]),
        };
    }

    /// <summary>One case's entry.</summary>
    public static JsonObject Case(CaseEvaluation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var d = c.Dose;
        var dvh = new JsonObject();
        foreach (var s in c.Dvhs)
        {
            dvh[s.Name] = Dvh(s);
        }

        foreach (var name in c.AbsentStructures)
        {
            dvh[name] = new JsonObject { ["exists"] = false };
        }

        return new JsonObject
        {
            ["case_id"] = c.CaseId,
            ["spacing_mm"] = new JsonArray(c.Spacing.Y, c.Spacing.X, c.Spacing.Z),
            ["dose_metrics"] = new JsonObject
            {
                ["mae_gy"] = d.MaeGy,
                ["mae_gy_body"] = d.MaeGyBody,
                ["rmse_gy"] = d.RmseGy,
                ["max_error_gy"] = d.MaxErrorGy,
                ["pred_max_gy"] = d.PredMaxGy,
                ["target_max_gy"] = d.TargetMaxGy,
                ["pred_mean_gy"] = d.PredMeanGy,
                ["target_mean_gy"] = d.TargetMeanGy,
                ["mae_gy_above_10pct"] = d.MaeGyAbove10Pct,
                ["mae_gy_above_50pct"] = d.MaeGyAbove50Pct,
                ["mae_gy_above_90pct"] = d.MaeGyAbove90Pct,
                ["per_structure_mae"] = new JsonObject(d.PerStructureMaeGy.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            },
            ["gamma"] = new JsonObject
            {
                ["global_3mm3pct"] = Gamma(c.Gamma),
                ["ptv_region_3mm3pct"] = c.PtvRegionGamma is null ? null : Gamma(c.PtvRegionGamma),
            },
            ["ptv70_d95_gap_gy"] = c.Ptv70D95GapGy,
            ["openkbp"] = OpenKbp(c),
            ["dvh_metrics"] = dvh,
            ["clinical_constraints"] = Clinical(c.ClinicalGoals),
            ["validation_warnings"] = new JsonArray([.. c.Warnings.Select(w => (JsonNode)w)]),
            ["framework_version"] = FrameworkVersion,
        };
    }

    private static JsonObject OpenKbp(CaseEvaluation c)
    {
        var o = new JsonObject
        {
            ["dose_score_gy"] = c.OpenKbpDoseScore,
            ["dvh_score_gy"] = c.OpenKbpDvhScore,
            ["mask"] = c.OpenKbp is null ? "body (approximation: the case has no possible-dose mask)" : "possible_dose_mask",
        };
        if (c.OpenKbp is { } exact)
        {
            o["dvh_errors_gy"] = new JsonObject(exact.DvhErrors.Select(s => KeyValuePair.Create(s.Key,
                (JsonNode?)new JsonObject(s.Value.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))))));
        }

        return o;
    }

    private static JsonObject Gamma(GammaResult g) => new()
    {
        ["gamma_pass_rate"] = g.PassRate,
        ["gamma_pass_rate_strict"] = g.PassRateStrict,
        ["gamma_mean"] = g.Mean,
        ["gamma_median"] = g.Median,
        ["gamma_max"] = g.Max,
        ["voxels_evaluated"] = g.EvaluatedPoints,
    };

    private static JsonObject Dvh(StructureDvh s)
    {
        var o = new JsonObject
        {
            ["exists"] = true,
            ["n_voxels"] = s.VoxelCount,
            ["dvh_reliable"] = s.Reliable,
            ["volume_cc"] = s.VolumeCc,
            ["mae_gy"] = s.MaeGy,
        };
        if (s.PrescriptionGy is { } rx)
        {
            o["prescription_gy"] = rx;
        }

        foreach (var (prefix, v) in new[] { ("pred", s.Predicted), ("target", s.Truth) })
        {
            o[$"{prefix}_mean"] = v.Mean;
            o[$"{prefix}_max"] = v.Max;
            o[$"{prefix}_min"] = v.Min;
            foreach (var (key, value) in v.Dx)
            {
                o[$"{prefix}_{key}"] = value;
            }

            foreach (var (key, value) in v.Vx)
            {
                o[$"{prefix}_{key}"] = value;
            }

            o[$"{prefix}_V45cc"] = v.V45Cc;
            if (v.V100 is { } v100)
            {
                o[$"{prefix}_V100"] = v100;
                o[$"{prefix}_V95"] = v.V95;
            }
        }

        foreach (var (key, value) in s.Errors())
        {
            o[$"{key}_error"] = value;
        }

        return o;
    }

    private static JsonObject Clinical(ClinicalGoalReport r)
    {
        JsonObject Goal(ClinicalGoalResult g) => new()
        {
            ["structure"] = g.Goal.Structure,
            ["metric"] = g.Goal.Metric,
            ["comparison"] = g.Goal.Comparison,
            ["limit"] = g.Goal.Limit,
            ["unit"] = g.Goal.Unit,
            ["predicted"] = g.Predicted,
            ["target"] = g.Truth,
            ["passed"] = g.Passed,
        };

        return new JsonObject
        {
            ["overall_pass"] = r.OverallPass,
            ["compliance_rate"] = r.ComplianceRate,
            ["goals"] = new JsonArray([.. r.Results.Select(g => (JsonNode)Goal(g))]),
            ["violations"] = new JsonArray([.. r.Violations.Select(g => (JsonNode)$"{g.Goal.Structure} {g.Goal.Metric}")]),
            ["missing"] = new JsonArray([.. r.Missing.Select(g => (JsonNode)$"{g.Goal.Structure} {g.Goal.Metric}")]),
            ["summary"] = new JsonObject { ["checked"] = r.Checked, ["passed"] = r.PassedCount, ["failed"] = r.Checked - r.PassedCount, ["missing"] = r.Missing.Count() },
        };
    }

    private static JsonObject Aggregate(IReadOnlyList<CaseEvaluation> cases)
    {
        var o = new JsonObject();
        void Stat(string name, IEnumerable<double?> values)
        {
            var v = values.Where(x => x is { } d && double.IsFinite(d)).Select(x => x!.Value).ToArray();
            o[$"{name}_mean"] = v.Length == 0 ? null : v.Average();
            o[$"{name}_std"] = v.Length == 0 ? null : PopulationStd(v);
        }

        Stat("mae_gy", cases.Select(c => (double?)c.Dose.MaeGy));
        Stat("mae_gy_body", cases.Select(c => c.Dose.MaeGyBody));
        Stat("gamma_pass_rate", cases.Select(c => c.Gamma.PassRate));
        Stat("ptv_gamma_pass_rate", cases.Select(c => c.PtvRegionGamma?.PassRate));
        Stat("ptv70_d95_gap_gy", cases.Select(c => c.Ptv70D95GapGy));
        Stat("clinical_compliance_rate", cases.Select(c => c.ClinicalGoals.ComplianceRate));
        Stat("openkbp_dose_score_gy", cases.Select(c => c.OpenKbpDoseScore));
        Stat("openkbp_dvh_score_gy", cases.Select(c => c.OpenKbpDvhScore));
        if (cases.Count > 0 && cases.All(c => c.OpenKbp is not null))
        {
            // OpenKBP's own aggregation: the DVH score is the mean over every (patient, structure, metric) error, not
            // the mean of the per-case means above; only written when every case was scored exactly.
            var (dose, dvh) = OpenKbpScorer.Aggregate([.. cases.Select(c => c.OpenKbp!)]);
            o["openkbp_dose_score"] = dose;
            o["openkbp_dvh_score"] = dvh;
        }

        var perStructure = new JsonObject();
        foreach (var name in cases.SelectMany(c => c.Dose.PerStructureMaeGy.Keys).Distinct())
        {
            var v = cases.Where(c => c.Dose.PerStructureMaeGy.ContainsKey(name)).Select(c => c.Dose.PerStructureMaeGy[name]).ToArray();
            perStructure[name] = new JsonObject { ["mean"] = v.Average(), ["std"] = PopulationStd(v), ["n_cases"] = v.Length };
        }

        o["per_structure_mae"] = perStructure;
        return o;
    }

    /// <summary>numpy's std with ddof = 0, as the reference aggregates.</summary>
    public static double PopulationStd(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
