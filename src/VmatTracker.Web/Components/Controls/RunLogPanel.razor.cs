using Microsoft.AspNetCore.Components;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Live;
using VmatTracker.Runs.Training;

namespace VmatTracker.Web.Components.Controls;

/// <summary>
/// A run's live log tail: the lines this server's trainer reports (<see cref="RunLogs"/>), as they arrive; for a run
/// trained elsewhere or before a restart, the end of its folder's train.log.
/// </summary>
public sealed partial class RunLogPanel : IDisposable
{
    /// <summary>Lines shown from train.log.</summary>
    public const int FileLines = 50;

    private IReadOnlyList<string> _lines = [];
    private string? _source;
    private IDisposable? _subscription;
    private UpdateThrottle? _throttle;

    /// <summary>The run.</summary>
    [Parameter, EditorRequired]
    public required long RunId { get; set; }

    /// <summary>Its folder, when known (for train.log).</summary>
    [Parameter]
    public string? RunFolder { get; set; }

    /// <summary>Live lines.</summary>
    [Inject]
    public required RunLogs Logs { get; init; }

    /// <summary>Logs failed redraws.</summary>
    [Inject]
    public required ILogger<RunLogPanel> Logger { get; init; }

    /// <inheritdoc />
    public void Dispose()
    {
        _subscription?.Dispose();
        _throttle?.Dispose();
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _throttle = new UpdateThrottle(() => InvokeAsync(Refresh), TimeSpan.FromMilliseconds(250), Logger);
        _subscription = Logs.Subscribe(id =>
        {
            if (id == RunId)
            {
                _throttle.Signal();
            }
        });
    }

    /// <inheritdoc />
    protected override void OnParametersSet() => Read();

    private void Refresh()
    {
        Read();
        StateHasChanged();
    }

    private void Read()
    {
        if (Logs.Tail(RunId) is { } live)
        {
            (_lines, _source) = (live, "live");
            return;
        }

        var file = RunFolder is null ? null : Path.Combine(RunFolder, TrainingRunner.LogFileName);
        if (file is not null && File.Exists(file))
        {
            try
            {
                (_lines, _source) = (File.ReadLines(file).TakeLast(FileLines).ToList(), file);
            }
            catch (IOException e)
            {
                (_lines, _source) = ([$"{file} could not be read: {e.Message}"], file);
            }
        }
        else
        {
            (_lines, _source) = ([], null);
        }
    }
}
