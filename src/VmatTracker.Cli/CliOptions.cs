using System.CommandLine;
using System.Globalization;

namespace VmatTracker.Cli;

/// <summary>
/// Flag conventions shared by every command: flags from the reference keep snake_case (<c>--data_dir</c>), ours are
/// kebab-case (<c>--spacing-mm</c>), and every command accepts both spellings of every flag.
/// </summary>
public static class CliOptions
{
    /// <summary>Rewrites <c>--some_flag</c> to <c>--some-flag</c> (keeping any <c>=value</c>), so one canonical
    /// kebab-case name per option serves both spellings and help lists each flag once.</summary>
    public static string[] NormaliseSpellings(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var normalised = new List<string>();
        var afterSeparator = false;
        foreach (var arg in args)
        {
            afterSeparator |= arg == "--";
            if (!afterSeparator && arg.StartsWith("--", StringComparison.Ordinal))
            {
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? arg : arg[..equals];
                var rest = equals < 0 ? string.Empty : arg[equals..];
                normalised.Add("--" + name[2..].Replace('_', '-') + rest);
            }
            else
            {
                normalised.Add(arg);
            }
        }

        return [.. normalised];
    }

    /// <summary>Parses "a,b,c" into three positive integers (a shape in Y,X,Z order); one number means a cube.</summary>
    public static int[]? ParseTriple(System.CommandLine.Parsing.ArgumentResult result, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (1 or 3)
            || !parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0))
        {
            result.AddError($"{what} must be three positive whole numbers Y,X,Z (or one for a cube), not '{text}'");
            return null;
        }

        var values = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return values.Length == 1 ? [values[0], values[0], values[0]] : values;
    }

    /// <summary>Parses "a,b,c" into three positive numbers (a spacing in mm, Y,X,Z order); one number means isotropic.</summary>
    public static double[]? ParseSpacing(System.CommandLine.Parsing.ArgumentResult result, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (1 or 3) || !parts.All(p =>
                double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)))
        {
            result.AddError($"{what} must be three positive numbers of mm Y,X,Z (or one for isotropic), not '{text}'");
            return null;
        }

        var values = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return values.Length == 1 ? [values[0], values[0], values[0]] : values;
    }

    /// <summary>An option that must be a folder that exists.</summary>
    public static Argument<DirectoryInfo> ExistingFolder(string name, string description)
    {
        var argument = new Argument<DirectoryInfo>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            var folder = result.GetValueOrDefault<DirectoryInfo>();
            if (folder is not null && !folder.Exists)
            {
                result.AddError($"{name}: the folder '{folder.FullName}' does not exist");
            }
        });
        return argument;
    }
}
