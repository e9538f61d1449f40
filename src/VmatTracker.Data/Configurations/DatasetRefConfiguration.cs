using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Configurations;

/// <summary>Maps <see cref="DatasetRef"/>, keyed by its run; the case ID lists are JSON arrays in one column each.</summary>
public sealed class DatasetRefConfiguration : IEntityTypeConfiguration<DatasetRef>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DatasetRef> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("DatasetRefs");
        builder.HasKey(d => d.RunId);

        // Primitive collections: EF stores them as JSON on every provider; they are read whole, never filtered.
        builder.PrimitiveCollection(d => d.TrainCaseIds);
        builder.PrimitiveCollection(d => d.ValidationCaseIds);
        builder.PrimitiveCollection(d => d.TestCaseIds);
    }
}
