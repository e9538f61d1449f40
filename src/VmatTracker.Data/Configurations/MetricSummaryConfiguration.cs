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

        // Filters and sorts on metrics."val/mae_gy".min and friends go through the key first.
        builder.HasIndex(s => new { s.Key, s.Min });
        builder.HasIndex(s => new { s.Key, s.Max });
        builder.HasIndex(s => new { s.Key, s.Last });
    }
}
