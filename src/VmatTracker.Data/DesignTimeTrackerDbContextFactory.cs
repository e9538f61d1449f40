using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VmatTracker.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model from this class library alone.</summary>
public sealed class DesignTimeTrackerDbContextFactory : IDesignTimeDbContextFactory<TrackerDbContext>
{
    /// <inheritdoc />
    public TrackerDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TrackerDbContext>();
        TrackerStore.Configure(builder, new TrackerStoreOptions
        {
            DatabasePath = Path.Combine(Path.GetTempPath(), "vmattracker-design.db"),
        });
        return new TrackerDbContext(builder.Options);
    }
}
