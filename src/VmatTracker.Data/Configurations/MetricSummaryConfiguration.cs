using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="MetricSummary"/>: one row per run and key.</summary>
public sealed class MetricSummaryConfiguration : IEntityTypeConfiguration<MetricSummary>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<MetricSummary> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(s => new { s.RunId, s.Key });
        builder.Property(s => s.Key).HasMaxLength(StoreLimits.KeyLength);

        // Filters and sorts on metrics."val/mae_gy".min and friends go through the key first. RunId last makes each
        // index covering: a filter reads the matching run IDs from the index alone, and a sort walks it in
        // (value, run) order, so a page stops after its rows instead of sorting every match.
        builder.HasIndex(s => new { s.Key, s.Min, s.RunId });
        builder.HasIndex(s => new { s.Key, s.Max, s.RunId });
        builder.HasIndex(s => new { s.Key, s.Last, s.RunId });
    }
}
