using System.Globalization;

namespace VmatTracker.Bench;

/// <summary>Parses "--name value" pairs and "--flag" switches for the store benchmarks.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private BenchOptions()
    {
    }

    public static BenchOptions? Parse(string[] args, IReadOnlySet<string> valued, IReadOnlySet<string> switches)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (valued.Contains(args[i]) && i + 1 < args.Length)
            {
                options._values[args[i]] = args[++i];
            }
            else if (switches.Contains(args[i]))
            {
                options._values[args[i]] = null;
            }
            else
            {
                Console.Error.WriteLine($"unknown option {args[i]}; options: {string.Join(' ', valued.Concat(switches))}");
                return null;
            }
        }

        return options;
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var text) && text is not null ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name);
}
