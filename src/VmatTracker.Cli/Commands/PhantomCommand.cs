using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VmatTracker.Engine;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Cli.Commands;

/// <summary><c>vmat phantom</c>: write synthetic prostate phantom cases in the NPZ contract.</summary>
public static class PhantomCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write case_0001.npz ... into.", Required = true };
        var cases = new Option<int>("--cases") { Description = "How many cases.", DefaultValueFactory = _ => 24 };
        var seed = new Option<int>("--seed") { Description = "Dataset seed; case i depends only on (seed, i).", DefaultValueFactory = _ => 42 };
        var shape = new Option<VolumeShape>("--shape")
        {
            Description = "Volume shape Y,X,Z (one number: a cube).",
            CustomParser = r => CliOptions.ParseShape(r, "--shape"),
            DefaultValueFactory = _ => new VolumeShape(64, 64, 48),
        };
        var spacing = new Option<VoxelSpacing>("--spacing-mm")
        {
            Description = "Voxel spacing in mm, Y,X,Z (one number: isotropic).",
            CustomParser = r => CliOptions.ParseSpacing(r, "--spacing-mm"),
            DefaultValueFactory = _ => new VoxelSpacing(4.0, 4.0, 4.0),
        };
        var channels = new Option<int>("--sdf-channels")
        {
            Description = "8 (v2.3 layout) or 9 (adds PTV50.4, absent in phantoms).",
            DefaultValueFactory = _ => 8,
        };
        cases.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--cases must be at least 1");
            }
        });
        seed.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--seed must be 0 or more");
            }
        });
        channels.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is not (8 or 9))
            {
                r.AddError("--sdf-channels must be 8 or 9");
            }
        });

        var command = new Command("phantom", "Write synthetic prostate VMAT phantoms (anatomy, CT, arc dose) as NPZ cases.")
        {
            output, cases, seed, shape, spacing, channels,
        };
        command.SetAction(parsed =>
        {
            var options = new PhantomOptions
            {
                Shape = parsed.GetValue(shape),
                Spacing = parsed.GetValue(spacing),
                Seed = parsed.GetValue(seed),
                ChannelCount = parsed.GetValue(channels),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }

            var folder = parsed.GetValue(output)!.FullName;
            var count = parsed.GetValue(cases);
            var clock = Stopwatch.StartNew();
            try
            {
                PhantomDataset.Write(folder, count, options, reuseExisting: false,
                    new InlineProgress<string>(path => console.Error.WriteLine($"wrote {path}")));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: --out {folder}: {ex.Message}");
                return 1;
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} phantom cases ({options.Shape} at {options.Spacing}, seed {options.Seed}) in {folder} ({clock.Elapsed.TotalSeconds:0.0} s)"));
            return 0;
        });
        return command;
    }
}
