using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="RunParameter"/>: one row per run and key.</summary>
public sealed class RunParameterConfiguration : IEntityTypeConfiguration<RunParameter>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<RunParameter> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(p => new { p.RunId, p.Key });
        builder.Property(p => p.Key).HasMaxLength(StoreLimits.KeyLength);

        // Filters like params.seed = 42 look up by key and value across runs; RunId last makes the index covering,
        // so the matching run IDs come from the index without reading the rows.
        builder.HasIndex(p => new { p.Key, p.Number, p.RunId });
        builder.HasIndex(p => new { p.Key, p.Text, p.RunId });
    }
}
