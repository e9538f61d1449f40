using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data.Import;

namespace VmatTracker.Data.Recording;

/// <summary>What a run trained here learns only once it starts: its dataset, and its test evaluation file.</summary>
public sealed partial class RunRecorder
{
    /// <summary>
    /// Sets the dataset of a run created without one (a queued run learns its split and fingerprint when the trainer
    /// has scanned the data). A run that already has a dataset keeps it; returns false then.
    /// </summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    public async Task<bool> SetDatasetAsync(long runId, DatasetInfo dataset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await context.Runs.Include(r => r.Dataset).FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                .ConfigureAwait(false) ?? throw new UnknownRunException(runId);
            if (run.Dataset is not null)
            {
                return false;
            }

            run.Dataset = ToEntity(dataset);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.LabelsChanged, run.Status));
            return true;
        }
    }

    /// <summary>
    /// Records an evaluation_results.json file (either of the reference's shapes, read as the importer reads it) as an
    /// evaluation of <paramref name="checkpointPath"/>; returns its ID.
    /// </summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    /// <exception cref="InvalidDataException">The file is not JSON; the message names the file and the line.</exception>
    public async Task<long> AddEvaluationFileAsync(long runId, string path, string? checkpointPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return await AddEvaluationDocumentAsync(runId, text, Path.GetFullPath(path), checkpointPath, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Records the text of an evaluation_results.json (either of the reference's shapes) as an evaluation of
    /// <paramref name="checkpointPath"/>, from <paramref name="source"/> (where the file was, for the ingest API whose
    /// caller read it on another machine); returns its ID.
    /// </summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    /// <exception cref="InvalidDataException">The text is not JSON; the message names the source and the line.</exception>
    public async Task<long> AddEvaluationDocumentAsync(long runId, string text, string? source, string? checkpointPath,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<EvaluationValueInfo> values;
        try
        {
            using var document = JsonDocument.Parse(text);
            values = EvaluationJsonReader.Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source ?? "the evaluation"} line {ex.LineNumber + 1}, JSON path {ex.Path ?? "$"}: {ex.Message}", ex);
        }

        return await AddEvaluationAsync(runId, new EvaluationInfo
        {
            CheckpointPath = checkpointPath,
            Source = source,
            DocumentJson = text,
            Values = values,
        }, cancellationToken).ConfigureAwait(false);
    }
}
