using System.Data;
using System.Data.Common;

namespace VmatTracker.Data.Recording;

/// <summary>
/// Inserts metric points with multi-row INSERT statements (standard SQL, prepared once per batch size). EF's change
/// tracker manages about a tenth of the rate the trainer and the importer need.
/// </summary>
internal static class MetricPointWriter
{
    private const int RowsPerStatement = 100;
    private const int Columns = 8;

    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, long runId,
        IReadOnlyList<MetricValue> points, DateTime now, CancellationToken cancellationToken)
    {
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < points.Count; start += RowsPerStatement)
            {
                var rows = Math.Min(RowsPerStatement, points.Count - start);
                DbCommand command;
                if (rows == RowsPerStatement)
                {
                    full ??= CreateCommand(connection, transaction, rows);
                    command = full;
                }
                else
                {
                    command = CreateCommand(connection, transaction, rows);
                }

                for (var row = 0; row < rows; row++)
                {
                    Bind(command.Parameters, row * Columns, runId, points[start + row], now);
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (!ReferenceEquals(command, full))
                {
                    await command.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The flag stored for a non-finite value (null when finite).</summary>
    public static string? NonFiniteFlag(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : null;

    private static DbCommand CreateCommand(DbConnection connection, DbTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new System.Text.StringBuilder(
            "INSERT INTO MetricPoints (RunId, Key, Step, Epoch, WallTime, Value, NonFinite, Context) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < Columns; column++)
            {
                var name = "@p" + (row * Columns + column).ToString(System.Globalization.CultureInfo.InvariantCulture);
                text.Append(column == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            text.Append(')');
        }

        // Built from constants and parameter names only; every value is bound as a parameter.
#pragma warning disable CA2100
        command.CommandText = text.ToString();
#pragma warning restore CA2100
        return command;
    }

    private static void Bind(DbParameterCollection parameters, int offset, long runId, MetricValue point, DateTime now)
    {
        var flag = NonFiniteFlag(point.Value);
        Set(parameters[offset], DbType.Int64, runId);
        Set(parameters[offset + 1], DbType.String, point.Key);
        Set(parameters[offset + 2], DbType.Int64, point.Step);
        Set(parameters[offset + 3], DbType.Int32, point.Epoch);
        Set(parameters[offset + 4], DbType.DateTime, StoreTime.Utc(point.WallTime ?? now));
        Set(parameters[offset + 5], DbType.Double, flag is null ? point.Value : null);
        Set(parameters[offset + 6], DbType.String, flag);
        Set(parameters[offset + 7], DbType.String, point.Context);
    }

    private static void Set(DbParameter parameter, DbType type, object? value)
    {
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
    }
}
