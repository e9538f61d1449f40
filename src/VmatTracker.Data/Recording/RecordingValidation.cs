namespace VmatTracker.Data.Recording;

/// <summary>The limits <see cref="RunRecorder"/> checks before anything is written.</summary>
internal static class RecordingValidation
{
    public static void Name(string? value, string what, int limit = StoreLimits.NameLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {what} must not be empty.");
        }

        if (value.Length > limit)
        {
            throw new ArgumentException($"The {what} '{value[..40]}...' is {value.Length} characters; the limit is {limit}.");
        }

        if (value.Any(char.IsControl))
        {
            throw new ArgumentException($"The {what} '{value}' contains a control character.");
        }
    }

    public static void Metrics(IReadOnlyList<MetricValue> points)
    {
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i] ?? throw new ArgumentException($"Metric point {i} is null.");
            Name(point.Key, $"metric key of point {i}", StoreLimits.KeyLength);
            if (point.Context is { Length: > StoreLimits.KeyLength })
            {
                throw new ArgumentException($"The context of point {i} is longer than {StoreLimits.KeyLength} characters.");
            }
        }
    }
}
