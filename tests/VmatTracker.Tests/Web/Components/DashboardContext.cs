using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using VmatTracker.Data.Queries;
using VmatTracker.Tests.Data;
using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web.Components;

/// <summary>
/// bUnit context for the dashboard's pages over a real, migrated SQLite store whose recorder publishes through the
/// real <see cref="RunEvents"/>. MudBlazor's and Plotly's JS calls are answered loosely (no browser here).
/// </summary>
public abstract class DashboardContext : BunitContext, IAsyncLifetime
{
    private TestStore? _store;

    protected DashboardContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Events = new RunEvents(NullLogger<RunEvents>.Instance);
        Services.AddSingleton(Events);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton(_ => Store.Queries);
        Services.AddSingleton(_ => Store.Recorder);
        Services.AddSingleton(_ => new RunKeyQueries(Store.Contexts));

        // Slow, shared CI machines: give asynchronous renders time.
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
    }

    protected TestStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected RunEvents Events { get; }

    protected static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await TestStore.CreateAsync(Events);

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _store?.Dispose();
    }
}
