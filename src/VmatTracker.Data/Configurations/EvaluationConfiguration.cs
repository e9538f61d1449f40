using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="Evaluation"/>; its values go with it.</summary>
public sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Evaluation> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(e => e.Source).HasMaxLength(StoreLimits.TextLength);
        builder.HasOne(e => e.Checkpoint).WithMany().HasForeignKey(e => e.CheckpointId)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(e => e.Values).WithOne().HasForeignKey(v => v.EvaluationId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
