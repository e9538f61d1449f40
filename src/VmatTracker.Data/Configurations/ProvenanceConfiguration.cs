using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="Provenance"/>, keyed by its run.</summary>
public sealed class ProvenanceConfiguration : IEntityTypeConfiguration<Provenance>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Provenance> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Provenances");
        builder.HasKey(p => p.RunId);
        builder.Property(p => p.SourceCommit).HasMaxLength(64);
        builder.Property(p => p.WorkingFolderCommit).HasMaxLength(64);
    }
}
