using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="RunTag"/>: one value per run and key.</summary>
public sealed class RunTagConfiguration : IEntityTypeConfiguration<RunTag>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<RunTag> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(t => new { t.RunId, t.Key });
        builder.Property(t => t.Key).HasMaxLength(StoreLimits.KeyLength);
        builder.Property(t => t.Value).HasMaxLength(StoreLimits.TextLength);

        // Filters like tags.site = "prostate": the matching run IDs come from the index alone.
        builder.HasIndex(t => new { t.Key, t.Value, t.RunId });
    }
}
