using System.Globalization;
using System.Text.Json;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Phantoms;

/// <summary>
/// Writes a folder of phantom cases, case_0001.npz … case_NNNN.npz. Each file is written to a temporary name and then
/// renamed, so an interrupted run never leaves a half-written case. A small manifest (phantom-dataset.json) records
/// the settings, so a folder made with other settings is regenerated rather than silently mixed.
/// </summary>
public static class PhantomDataset
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFileName = "phantom-dataset.json";

    /// <summary>The file name of case <paramref name="number"/> (1-based).</summary>
    public static string CaseFileName(int number) => string.Create(CultureInfo.InvariantCulture, $"case_{number:D4}.npz");

    /// <summary>
    /// Makes sure <paramref name="folder"/> holds <paramref name="cases"/> phantoms of <paramref name="options"/>.
    /// With <paramref name="reuseExisting"/>, cases already written with the same settings are kept (a restart
    /// resumes); otherwise every case is written afresh.
    /// </summary>
    /// <returns>How many cases were generated (not reused).</returns>
    public static int Write(string folder, int cases, PhantomOptions options, bool reuseExisting,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(cases, 1);
        options.Validate();
        Directory.CreateDirectory(folder);

        var manifestPath = Path.Combine(folder, ManifestFileName);
        var manifest = JsonSerializer.Serialize(new
        {
            generator = PhantomGenerator.Name,
            version = PhantomGenerator.Version,
            seed = options.Seed,
            shape = options.Shape.ToArray(),
            spacingMm = options.Spacing.ToArray(),
            channels = options.ChannelCount,
        });
        var sameSettings = File.Exists(manifestPath) && File.ReadAllText(manifestPath) == manifest;
        File.WriteAllText(manifestPath, manifest);

        var generated = 0;
        for (var number = 1; number <= cases; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, CaseFileName(number));
            if (!(reuseExisting && sameSettings && File.Exists(path)))
            {
                var volume = PhantomGenerator.GenerateCase(number, options);
                var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.partial");
                CaseFile.Write(temporary, volume);
                File.Move(temporary, path, overwrite: true);
                generated++;
            }

            progress?.Report(path);
        }

        return generated;
    }
}
