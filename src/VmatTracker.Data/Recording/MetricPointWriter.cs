using System.Data;
using System.Data.Common;

namespace VmatTracker.Data.Recording;

/// <summary>
/// Inserts metric points with one prepared single-row INSERT (standard SQL) executed per point inside the caller's
/// transaction. EF's change tracker manages a fraction of the rate the trainer and the importer need; multi-row
/// VALUES lists were slower still with SQLite, whose bind-by-name lookup is linear in the parameter count.
/// </summary>
internal static class MetricPointWriter
{
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, long runId,
        IReadOnlyList<MetricValue> points, DateTime now, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO MetricPoints (RunId, Key, Step, Epoch, WallTime, Value, NonFinite, Context) "
                + "VALUES (@run, @key, @step, @epoch, @time, @value, @flag, @context)";
            var run = Add(command, "@run", DbType.Int64);
            var key = Add(command, "@key", DbType.String);
            var step = Add(command, "@step", DbType.Int64);
            var epoch = Add(command, "@epoch", DbType.Int32);
            var time = Add(command, "@time", DbType.DateTime);
            var value = Add(command, "@value", DbType.Double);
            var flag = Add(command, "@flag", DbType.String);
            var context = Add(command, "@context", DbType.String);
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);

            run.Value = runId;
            var defaultTime = StoreTime.Utc(now);
            foreach (var point in points)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var nonFinite = NonFiniteFlag(point.Value);
                key.Value = point.Key;
                step.Value = point.Step;
                epoch.Value = point.Epoch is { } e ? e : DBNull.Value;
                time.Value = point.WallTime is { } w ? StoreTime.Utc(w) : defaultTime;
                value.Value = nonFinite is null ? point.Value : DBNull.Value;
                flag.Value = (object?)nonFinite ?? DBNull.Value;
                context.Value = (object?)point.Context ?? DBNull.Value;
                // Synchronous on purpose: SQLite has no asynchronous I/O, and the async path costs a state machine
                // per row, a third of the time at these rates.
#pragma warning disable CA1849
                command.ExecuteNonQuery();
#pragma warning restore CA1849
            }
        }
    }

    /// <summary>The flag stored for a non-finite value (null when finite).</summary>
    public static string? NonFiniteFlag(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : null;

    private static DbParameter Add(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
