using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>Turns logged loss tensors into plain numbers (one device-to-host copy for all of them).</summary>
public static class LossValues
{
    /// <summary>Each logged scalar tensor as a double, keyed as logged.</summary>
    public static Dictionary<string, double> ToNumbers(IReadOnlyDictionary<string, Tensor> logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        var keys = logged.Keys.ToArray();
        if (keys.Length == 0)
        {
            return new Dictionary<string, double>(StringComparer.Ordinal);
        }

        using var scope = NewDisposeScope();
        var packed = stack([.. keys.Select(k => logged[k].detach().reshape(1).to(ScalarType.Float64).cpu())]).reshape(-1);
        var numbers = packed.data<double>().ToArray();
        return keys.Select((k, i) => (k, numbers[i])).ToDictionary(p => p.k, p => p.Item2, StringComparer.Ordinal);
    }
}
