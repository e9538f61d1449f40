using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="MetricPoint"/>; the one index serves "this run's series of this key in step order".</summary>
public sealed class MetricPointConfiguration : IEntityTypeConfiguration<MetricPoint>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<MetricPoint> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(p => p.Key).HasMaxLength(StoreLimits.KeyLength);
        builder.Property(p => p.NonFinite).HasMaxLength(4);
        builder.Property(p => p.Context).HasMaxLength(StoreLimits.KeyLength);
        builder.HasIndex(p => new { p.RunId, p.Key, p.Step });
    }
}
