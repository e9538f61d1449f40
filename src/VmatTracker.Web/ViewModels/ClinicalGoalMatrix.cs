using System.Globalization;
using System.Text.Json;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// Clinical goals x cases, from the stored evaluation document's <c>per_case_results[].clinical_constraints.goals</c>
/// (each goal: structure, metric, comparison, limit, unit, predicted, target, passed).
/// </summary>
public sealed class ClinicalGoalMatrix
{
    private static readonly string[] s_labelKeys = ["structure", "metric", "comparison", "limit", "unit"];
    private readonly Dictionary<(string Goal, string Case), GoalCell> _cells = [];

    private ClinicalGoalMatrix(List<string> goals, List<string> cases)
    {
        Goals = goals;
        Cases = cases;
    }

    /// <summary>Goal labels ("Rectum V70 &lt;= 15 %"), in first-seen order.</summary>
    public IReadOnlyList<string> Goals { get; }

    /// <summary>Cases with goals.</summary>
    public IReadOnlyList<string> Cases { get; }

    /// <summary>The cell of one goal and case, or null when that case has no such goal.</summary>
    public GoalCell? Cell(string goal, string caseId) => _cells.GetValueOrDefault((goal, caseId));

    /// <summary>Reads the matrix from an evaluation document (empty when it has no goals or does not parse).</summary>
    public static ClinicalGoalMatrix Read(string? documentJson)
    {
        var goals = new List<string>();
        var cases = new List<string>();
        var matrix = new ClinicalGoalMatrix(goals, cases);
        using var document = EvaluationView.TryParse(documentJson);
        if (document is null || !document.RootElement.TryGetProperty("per_case_results", out var results)
            || results.ValueKind != JsonValueKind.Array)
        {
            return matrix;
        }

        foreach (var result in results.EnumerateArray())
        {
            if (!result.TryGetProperty("case_id", out var id)
                || !result.TryGetProperty("clinical_constraints", out var constraints) || constraints.ValueKind != JsonValueKind.Object
                || !constraints.TryGetProperty("goals", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var caseId = id.ToString();
            cases.Add(caseId);
            foreach (var goal in list.EnumerateArray())
            {
                var label = string.Join(" ", s_labelKeys.Select(k => Text(goal, k)).Where(t => t.Length > 0));
                if (!goals.Contains(label))
                {
                    goals.Add(label);
                }

                matrix._cells[(label, caseId)] = new GoalCell(Number(goal, "predicted"), Number(goal, "target"),
                    goal.TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.True);
            }
        }

        return matrix;
    }

    private static string Text(JsonElement goal, string key) => goal.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null
        ? value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("G4", CultureInfo.InvariantCulture) : value.ToString()
        : "";

    private static double? Number(JsonElement goal, string key) =>
        goal.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
