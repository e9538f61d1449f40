using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="Artifact"/>.</summary>
public sealed class ArtifactConfiguration : IEntityTypeConfiguration<Artifact>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Artifact> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(a => a.Path).HasMaxLength(StoreLimits.TextLength);
        builder.Property(a => a.Kind).HasMaxLength(32);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasIndex(a => a.RunId);
    }
}
