using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VmatTracker.Engine.Sites;

/// <summary>The treatment sites this build knows, read from the embedded Sites/*.json definitions.</summary>
public static class SiteCatalog
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly Lazy<FrozenDictionary<string, TreatmentSite>> s_sites = new(LoadEmbedded);

    /// <summary>The default site (prostate).</summary>
    public static TreatmentSite Default => Get("prostate");

    /// <summary>Every known site, by name.</summary>
    public static IReadOnlyCollection<TreatmentSite> All => s_sites.Value.Values;

    /// <summary>Looks a site up by name (case-insensitive).</summary>
    public static bool TryGet(string name, out TreatmentSite site) => s_sites.Value.TryGetValue(name, out site!);

    /// <summary>The site named <paramref name="name"/>; throws with the known names when there is none.</summary>
    public static TreatmentSite Get(string name) => TryGet(name, out var site)
        ? site
        : throw new KeyNotFoundException(
            $"Unknown treatment site '{name}'. Known sites: {string.Join(", ", s_sites.Value.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>Parses and checks one site definition (used for the embedded files, and by tests).</summary>
    public static TreatmentSite Parse(string json, string source)
    {
        var site = JsonSerializer.Deserialize<TreatmentSite>(json, s_json)
                   ?? throw new InvalidDataException($"{source}: empty site definition");
        Check(site, source);
        return site;
    }

    private static FrozenDictionary<string, TreatmentSite> LoadEmbedded()
    {
        var assembly = typeof(SiteCatalog).Assembly;
        var sites = new Dictionary<string, TreatmentSite>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal)
                     && n.Contains(".Sites.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var site = Parse(reader.ReadToEnd(), resource);
            sites.Add(site.Name, site);
        }

        return sites.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static void Check(TreatmentSite site, string source)
    {
        var seenOptional = false;
        foreach (var channel in site.Channels)
        {
            if (seenOptional && !channel.Optional)
            {
                throw new InvalidDataException($"{source}: channel {channel.Name} is required but follows an optional one");
            }

            seenOptional |= channel.Optional;
            if (channel.Role == StructureRole.Target && channel.PrescriptionGy is not > 0)
            {
                throw new InvalidDataException($"{source}: target {channel.Name} needs a positive prescriptionGy");
            }
        }

        foreach (var element in site.Constraints)
        {
            var complete = element.Kind switch
            {
                ConstraintKind.TargetPresence => element.Structure is not null && site.IndexOf(element.Structure) >= 0
                                                 && element.DoseGy is not null,
                ConstraintKind.DoseOverPrescription => element.DoseGy is not null,
                ConstraintKind.Fixed => element.Value is not null,
                _ => false,
            };
            if (!complete)
            {
                throw new InvalidDataException($"{source}: constraint {element.Name} ({element.Kind}) is incomplete");
            }
        }

        foreach (var goal in site.ClinicalGoals)
        {
            if (site.IndexOf(goal.Structure) < 0 || goal.Comparison is not ("<=" or ">="))
            {
                throw new InvalidDataException($"{source}: clinical goal {goal.Structure} {goal.Metric} is malformed");
            }
        }
    }
}
