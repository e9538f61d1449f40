using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="EvaluationValue"/>.</summary>
public sealed class EvaluationValueConfiguration : IEntityTypeConfiguration<EvaluationValue>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<EvaluationValue> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(v => v.CaseId).HasMaxLength(StoreLimits.NameLength);
        builder.Property(v => v.Structure).HasMaxLength(StoreLimits.NameLength);
        builder.Property(v => v.Metric).HasMaxLength(StoreLimits.KeyLength);
        builder.HasIndex(v => new { v.EvaluationId, v.Metric });
    }
}
