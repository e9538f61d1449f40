using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="Run"/> and the cascade of everything a run owns.</summary>
public sealed class RunConfiguration : IEntityTypeConfiguration<Run>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Run> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(r => r.Name).HasMaxLength(StoreLimits.NameLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.GroupKey).HasMaxLength(StoreLimits.NameLength);
        builder.Property(r => r.SourceKey).HasMaxLength(StoreLimits.TextLength);

        // The run list's default order and the import's identity check.
        builder.HasIndex(r => r.CreatedAt);
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.SourceKey).IsUnique();
        builder.HasIndex(r => r.GroupKey);

        builder.HasMany(r => r.Parameters).WithOne().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Tags).WithOne().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Provenance).WithOne().HasForeignKey<Provenance>(p => p.RunId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Dataset).WithOne().HasForeignKey<DatasetRef>(d => d.RunId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.MetricSummaries).WithOne().HasForeignKey(s => s.RunId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Checkpoints).WithOne().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Evaluations).WithOne().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Artifacts).WithOne().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<MetricPoint>().WithOne().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
