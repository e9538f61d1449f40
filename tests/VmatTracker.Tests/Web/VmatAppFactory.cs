using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Engine.Training;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web;

/// <summary>
/// The real web server on a real Kestrel socket (127.0.0.1, free port), with its data, demo and database paths in a
/// temporary folder and a small demo dataset so start-up is quick.
/// </summary>
public sealed class VmatAppFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new("vmat-web");
    private readonly Dictionary<string, string?> _settings;

    public VmatAppFactory(IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["VmatTracker:DemoDataFolder"] = _folder.File("demo"),
            ["VmatTracker:DatabasePath"] = _folder.File("tracker.db"),
            ["VmatTracker:RunsFolder"] = _folder.File("runs"),
            ["VmatTracker:DemoCases"] = "3",
            ["VmatTracker:DemoShape"] = "32,32,32",
            ["VmatTracker:DemoSpacingMm"] = "8,8,8",

            // Warnings and errors only: a failing test's output then shows its server's problems, not every SQL command.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(0);
    }

    public TempFolder Folder => _folder;

    /// <summary>The address Kestrel listens on.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First());
        }
    }

    /// <summary>Waits until the dataset worker has finished (ready or failed).</summary>
    public async Task<DatasetSnapshot> WaitForDatasetAsync(TimeSpan timeout)
    {
        StartServer();
        var state = Services.GetRequiredService<DatasetState>();
        using var cancel = new CancellationTokenSource(timeout);
        while (state.Current.Phase is not (DatasetPhase.Ready or DatasetPhase.Failed))
        {
            await Task.Delay(50, cancel.Token);
        }

        return state.Current;
    }

    /// <summary>
    /// The smallest real training run on the server's demo phantoms (32³ at 8 mm): one epoch of one 32³ patch per case
    /// at base 16 (a width oneDNN's CPU backward handles, docs/torchsharp-notes.md), on the CPU, loading in-line.
    /// </summary>
    public TrainerOptions TinyRunOptions(string expName, DatasetSnapshot dataset) => new()
    {
        ExpName = expName,
        DataDir = dataset.Folder,
        LogDir = _folder.File("runs"),
        Epochs = 1,
        BatchSize = 1,
        PatchSize = 32,
        BaseChannels = 16,
        PatchesPerVolume = 1,
        NumWorkers = 0,
        Device = "cpu",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Development");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}
