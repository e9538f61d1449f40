using VmatTracker.Data.Queries;

namespace VmatTracker.Tests.Infrastructure;

/// <summary>Evaluation records as the store's reads return them, for view-model tests that need no store.</summary>
internal static class TestEvaluation
{
    public static RunEvaluation Of(string? document = null, string? source = null, IReadOnlyList<RunEvaluationValue>? values = null) =>
        new(1, 1, null, null, DateTime.UnixEpoch, source, document, values ?? []);
}
