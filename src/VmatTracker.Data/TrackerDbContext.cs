using Microsoft.EntityFrameworkCore;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data;

/// <summary>The tracking store. Create one per operation through <see cref="IDbContextFactory{TContext}"/>.</summary>
public sealed class TrackerDbContext(DbContextOptions<TrackerDbContext> options) : DbContext(options)
{
    /// <summary>Experiments.</summary>
    public DbSet<Experiment> Experiments => Set<Experiment>();

    /// <summary>Runs.</summary>
    public DbSet<Run> Runs => Set<Run>();

    /// <summary>Flattened run parameters.</summary>
    public DbSet<RunParameter> RunParameters => Set<RunParameter>();

    /// <summary>Run tags.</summary>
    public DbSet<RunTag> RunTags => Set<RunTag>();

    /// <summary>Run provenance.</summary>
    public DbSet<Provenance> Provenances => Set<Provenance>();

    /// <summary>Run datasets.</summary>
    public DbSet<DatasetRef> DatasetRefs => Set<DatasetRef>();

    /// <summary>Metric series points.</summary>
    public DbSet<MetricPoint> MetricPoints => Set<MetricPoint>();

    /// <summary>Per-run, per-key metric summaries.</summary>
    public DbSet<MetricSummary> MetricSummaries => Set<MetricSummary>();

    /// <summary>Checkpoints.</summary>
    public DbSet<Checkpoint> Checkpoints => Set<Checkpoint>();

    /// <summary>Evaluations.</summary>
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();

    /// <summary>Evaluation values.</summary>
    public DbSet<EvaluationValue> EvaluationValues => Set<EvaluationValue>();

    /// <summary>Artifacts.</summary>
    public DbSet<Artifact> Artifacts => Set<Artifact>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrackerDbContext).Assembly);
    }
}
