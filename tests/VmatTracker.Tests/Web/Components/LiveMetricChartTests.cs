using Plotly.Blazor.Traces.ScatterLib;
using VmatTracker.Web.Components.Controls;

namespace VmatTracker.Tests.Web.Components;

public sealed class LiveMetricChartTests
{
    [Theory]
    [InlineData("val/mae_gy", "val/", VisibleEnum.True)]
    [InlineData("val/gamma_3mm3pct", "val/", VisibleEnum.True)]
    [InlineData("epoch_time_sec", "val/", VisibleEnum.LegendOnly)]
    [InlineData("lr-AdamW", "val/", VisibleEnum.LegendOnly)]
    [InlineData("train/grad_norm", "val/", VisibleEnum.LegendOnly)]
    [InlineData("epoch_time_sec", null, VisibleEnum.True)]
    public void InitialVisibility_ValidationChart_OnlyValidationMetricsDrawnAtFirst(string key, string? shownPrefix, VisibleEnum expected) =>
        Assert.Equal(expected, LiveMetricChart.InitialVisibility(key, shownPrefix));
}
