using System.CommandLine;
using VmatTracker.Engine.DataLoading;

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

    /// <summary>Parses a shape option, Y,X,Z (one number: a cube); a parse error names the option.</summary>
    public static VolumeShape ParseShape(System.CommandLine.Parsing.ArgumentResult result, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!VolumeShape.TryParse(text, out var shape))
        {
            result.AddError($"{what} must be three positive whole numbers Y,X,Z (or one for a cube), not '{text}'");
        }

        return shape;
    }

    /// <summary>Parses a spacing option in mm, Y,X,Z (one number: isotropic); a parse error names the option.</summary>
    public static VoxelSpacing ParseSpacing(System.CommandLine.Parsing.ArgumentResult result, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!VoxelSpacing.TryParse(text, out var spacing))
        {
            result.AddError($"{what} must be three positive numbers of mm Y,X,Z (or one for isotropic), not '{text}'");
        }

        return spacing;
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
