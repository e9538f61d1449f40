using System.Data.Common;
using System.Globalization;
using System.Text;

namespace VmatTracker.Bench;

/// <summary>
/// Multi-row INSERT (standard SQL) for generating large stores quickly: rows are buffered and sent
/// <see cref="RowsPerStatement"/> at a time through one prepared command.
/// </summary>
internal sealed class BulkInsert : IDisposable
{
    private const int RowsPerStatement = 200;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly string[] _columns;
    private readonly List<object?[]> _pending = new(RowsPerStatement);
    private DbCommand? _full;

    public BulkInsert(DbConnection connection, DbTransaction transaction, string table, params string[] columns)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _columns = columns;
    }

    public long Rows { get; private set; }

    public void Add(params object?[] values)
    {
        _pending.Add(values);
        if (_pending.Count == RowsPerStatement)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var command = _pending.Count == RowsPerStatement ? _full ??= Create(RowsPerStatement) : Create(_pending.Count);
        for (var row = 0; row < _pending.Count; row++)
        {
            for (var column = 0; column < _columns.Length; column++)
            {
                command.Parameters[(row * _columns.Length) + column].Value = _pending[row][column] ?? DBNull.Value;
            }
        }

        command.ExecuteNonQuery();
        if (!ReferenceEquals(command, _full))
        {
            command.Dispose();
        }

        Rows += _pending.Count;
        _pending.Clear();
    }

    public void Dispose()
    {
        Flush();
        _full?.Dispose();
    }

    private DbCommand Create(int rows)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var text = new StringBuilder($"INSERT INTO {_table} ({string.Join(", ", _columns)}) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < _columns.Length; column++)
            {
                var name = "@p" + ((row * _columns.Length) + column).ToString(CultureInfo.InvariantCulture);
                text.Append(column == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            text.Append(')');
        }

#pragma warning disable CA2100 // table and column names are constants of this benchmark; values are parameters
        command.CommandText = text.ToString();
#pragma warning restore CA2100
        return command;
    }
}
