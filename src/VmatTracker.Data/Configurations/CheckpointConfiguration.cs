using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="Checkpoint"/>.</summary>
public sealed class CheckpointConfiguration : IEntityTypeConfiguration<Checkpoint>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Checkpoint> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(c => c.Path).HasMaxLength(StoreLimits.TextLength);
        builder.Property(c => c.MonitoredKey).HasMaxLength(StoreLimits.KeyLength);
        builder.HasIndex(c => new { c.RunId, c.Path }).IsUnique();
    }
}
