using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="Experiment"/>.</summary>
public sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(e => e.Name).HasMaxLength(StoreLimits.NameLength);
        builder.HasIndex(e => e.Name).IsUnique();
        builder.HasMany(e => e.Runs).WithOne(r => r.Experiment).HasForeignKey(r => r.ExperimentId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
