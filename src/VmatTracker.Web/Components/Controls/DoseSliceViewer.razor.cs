using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using VmatTracker.Data.Queries;
using VmatTracker.Web.ViewModels;
using VmatTracker.Web.ViewModels.Slices;

namespace VmatTracker.Web.Components.Controls;

/// <summary>
/// Pick an evaluated case, a plane and a slice: ground truth and prediction washed over the CT, their difference, and
/// the slice's gamma (3 %/3 mm global, 10 % cutoff), computed for the shown slice when it is shown, off the UI thread,
/// with the Engine's 3D gamma search. One case's volumes are kept while it is shown.
/// </summary>
public sealed partial class DoseSliceViewer : IDisposable
{
    private readonly Plotly.Blazor.Layout _truthLayout = SliceHeatmaps.Layout("Ground truth (Gy)");
    private readonly Plotly.Blazor.Layout _predictionLayout = SliceHeatmaps.Layout("Prediction (Gy)");
    private readonly Plotly.Blazor.Layout _differenceLayout = SliceHeatmaps.Layout("Prediction − truth (Gy)");
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private string? _caseId;
    private SlicePlane _plane = SlicePlane.Axial;
    private DoseVolumes? _volumes;
    private PlaneGeometry? _geometry;
    private string? _problem;
    private double[]? _gamma;
    private string? _gammaProblem;
    private CancellationTokenSource? _gammaCancel;
    private int _version;
    private IList<ITrace> _truthTraces = [];
    private IList<ITrace> _predictionTraces = [];
    private IList<ITrace> _differenceTraces = [];
    private IList<ITrace> _gammaTraces = [];
    private Plotly.Blazor.Layout _gammaLayout = SliceHeatmaps.Layout("Gamma 3 %/3 mm");

    /// <summary>The run (for its folders).</summary>
    [Parameter, EditorRequired]
    public required RunDetail Detail { get; set; }

    /// <summary>Its latest evaluation (the cases, and the folder of its files).</summary>
    [Parameter, EditorRequired]
    public required EvaluationView View { get; set; }

    /// <summary>The slice shown, once a case is read.</summary>
    public PlaneGeometry? Geometry => _geometry;

    private int SliceCount => _volumes is null ? 0 : PlaneGeometry.SliceCount(_volumes.Shape, _plane);

    private static string GammaTitle(double[] gamma)
    {
        var finite = gamma.Where(double.IsFinite).ToList();
        return finite.Count == 0
            ? "Gamma 3 %/3 mm (no point above the 10 % cutoff)"
            : $"Gamma 3 %/3 mm: {100.0 * finite.Count(g => g <= 1) / finite.Count:F1} % pass on this slice";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gammaCancel?.Cancel();
        _gammaCancel?.Dispose();
    }

    /// <summary>Shows <paramref name="caseId"/> (reads its volumes off the UI thread).</summary>
    private async Task SelectCaseAsync(string caseId)
    {
        if (caseId == _caseId && (_volumes is not null || _problem is not null))
        {
            return;
        }

        CancelGamma();
        _caseId = caseId;
        _volumes = null;
        _geometry = null;
        _problem = null;
        try
        {
            var files = DoseSliceFiles.Of(Detail, View);
            var caseFile = files.CaseFile(caseId);
            var predictionFile = files.PredictionFile(caseId);
            var volumes = await Task.Run(() => DoseVolumes.Load(caseFile, predictionFile));
            if (_caseId != caseId)
            {
                return; // another case was picked meanwhile
            }

            _volumes = volumes;
            ShowSlice(PlaneGeometry.SliceThrough(_plane, volumes.Centre.Y, volumes.Centre.X, volumes.Centre.Z));
        }
        catch (DoseSliceException e)
        {
            _problem = e.Message;
        }
    }

    /// <summary>Switches plane, keeping the case's centre in view.</summary>
    private void SelectPlane(SlicePlane plane)
    {
        _plane = plane;
        if (_volumes is { } volumes)
        {
            ShowSlice(PlaneGeometry.SliceThrough(plane, volumes.Centre.Y, volumes.Centre.X, volumes.Centre.Z));
        }
    }

    /// <summary>Shows slice <paramref name="index"/> of the current plane.</summary>
    private Task SelectSliceAsync(int index)
    {
        if (_volumes is not null)
        {
            ShowSlice(Math.Clamp(index, 0, SliceCount - 1));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (_caseId is null || !View.Cases.Contains(_caseId))
        {
            if (View.Cases.Count > 0)
            {
                await SelectCaseAsync(View.Cases[0]);
            }
        }
    }

    private void ShowSlice(int index)
    {
        var volumes = _volumes!;
        _geometry = PlaneGeometry.Of(volumes.Shape, volumes.Spacing, _plane, index);
        _version++;
        BuildTraces(volumes, _geometry);
        StartGamma(volumes, _geometry);
    }

    private void StartGamma(DoseVolumes volumes, PlaneGeometry geometry)
    {
        CancelGamma();
        _gamma = null;
        _gammaProblem = null;
        var cancel = _gammaCancel = new CancellationTokenSource();
        _ = ComputeGammaAsync(volumes, geometry, cancel.Token);
    }

    private async Task ComputeGammaAsync(DoseVolumes volumes, PlaneGeometry geometry, CancellationToken token)
    {
        try
        {
            var gamma = await Task.Run(() => volumes.Gamma(geometry, token), token);
            await InvokeAsync(() =>
            {
                if (!token.IsCancellationRequested && ReferenceEquals(geometry, _geometry))
                {
                    _gamma = gamma;
                    _gammaTraces = [_truthTraces[0], SliceHeatmaps.Gamma(geometry, gamma)];
                    _gammaLayout = SliceHeatmaps.Layout(GammaTitle(gamma));
                    StateHasChanged();
                }
            });
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer slice replaced this one.
        }
        catch (ArgumentException e)
        {
            await InvokeAsync(() =>
            {
                _gammaProblem = e.Message;
                StateHasChanged();
            });
        }
    }

    private void CancelGamma()
    {
        _gammaCancel?.Cancel();
        _gammaCancel?.Dispose();
        _gammaCancel = null;
    }

    // Built once per slice (and once per gamma result), not on every render: the run page re-renders on live updates.
    private void BuildTraces(DoseVolumes volumes, PlaneGeometry geometry)
    {
        var ct = SliceHeatmaps.Ct(geometry, geometry.Sample(volumes.CtHu));
        var truth = geometry.Sample(volumes.TruthGy);
        var prediction = geometry.Sample(volumes.PredictionGy);
        _truthTraces = [ct, SliceHeatmaps.DoseWash(geometry, truth, volumes.MaxTruthGy, "truth")];
        _predictionTraces = [ct, SliceHeatmaps.DoseWash(geometry, prediction, volumes.MaxTruthGy, "prediction")];
        _differenceTraces = [SliceHeatmaps.Difference(geometry, prediction, truth)];
        _gammaTraces = [];
    }
}
