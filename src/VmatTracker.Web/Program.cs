using VmatTracker.Engine.Training;
using VmatTracker.Web;
using VmatTracker.Web.Api;
using VmatTracker.Web.Components;
using VmatTracker.Web.Security;
using VmatTracker.Web.Services.Reports;

var builder = WebApplication.CreateBuilder(args);

// `--db PATH` names the SQLite file, as every vmat store command does (VmatTracker:DatabasePath, VMAT_DB also work).
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--db"] = "VmatTracker:DatabasePath" });
builder.AddVmatTracker();

var app = builder.Build();

// Load libtorch once at start-up so a broken install shows in the log at once, not at the first run.
var device = app.Services.GetRequiredService<ComputeDevice>().ToString();
StartupLog.ComputeDevice(app.Logger, device);
// Before anything else answers: a foreign Host or browser Origin is refused (docs/security.md).
app.UseMiddleware<RequestSafetyMiddleware>();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

// Inside the status pages: an API failure answers its own JSON problem, so no HTML page or stack trace replaces it.
app.UseMiddleware<ApiErrorMiddleware>();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapRunApi();
app.MapReportDownloads();

app.Run();
