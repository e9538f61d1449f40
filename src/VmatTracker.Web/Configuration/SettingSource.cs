using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace VmatTracker.Web.Configuration;

/// <summary>
/// Which configuration source a setting's value came from, as far as <see cref="IConfigurationRoot"/> can tell: the
/// last provider (providers later in the list win) holding a non-empty value for the key. An empty value, as
/// appsettings.json ships most paths, counts as unset: the server then uses its default.
/// </summary>
public static partial class SettingSource
{
    /// <summary>Said when no source sets the key.</summary>
    public const string Default = "default";

    /// <summary>The value of <paramref name="key"/> and where it came from ("appsettings.json", "environment variable
    /// VmatTracker__DataRoot", "command line", "host settings", or <see cref="Default"/>).</summary>
    public static (string? Value, string Source) Find(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(key);
        if (configuration is not IConfigurationRoot root)
        {
            return configuration[key] is { Length: > 0 } value ? (value, "configuration") : (null, Default);
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(key, out var value) && !string.IsNullOrEmpty(value))
            {
                return (value, Describe(provider, key));
            }
        }

        return (null, Default);
    }

    private static string Describe(IConfigurationProvider provider, string key) => provider switch
    {
        JsonConfigurationProvider json => json.Source.Path ?? "a JSON file",
        EnvironmentVariablesConfigurationProvider environment =>
            $"environment variable {PrefixOf(environment)}{key.Replace(":", "__", StringComparison.Ordinal)}",
        CommandLineConfigurationProvider => "command line",
        MemoryConfigurationProvider => "host settings (in memory)",
        _ => provider.GetType().Name,
    };

    // The provider keeps its prefix private; its ToString names it ("... Prefix: 'ASPNETCORE_'").
    private static string PrefixOf(EnvironmentVariablesConfigurationProvider provider) =>
        PrefixPattern().Match(provider.ToString()) is { Success: true } match ? match.Groups[1].Value : "";

    [GeneratedRegex("Prefix: '([^']*)'")]
    private static partial Regex PrefixPattern();
}
