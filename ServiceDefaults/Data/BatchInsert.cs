using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Cchc.ServiceDefaults.Data;

/// <summary>
/// Inserts many new rows of one entity type in one statement, <c>INSERT … SELECT FROM unnest(…)</c> with one array
/// parameter per column, in the caller's open transaction: for a hot path that only adds rows, where EF Core's
/// <c>SaveChanges</c> (change tracking, a statement text and a parameter per value of every row) costs more
/// than the insert. The columns, their conversions and their JSON come from the context's model, as EF Core maps
/// them, so a property added to an entity is inserted here too; what the model has that this cannot write the same
/// way (shadow properties, store defaults, computed columns, nested JSON, inheritance) is refused when the type is
/// first used, not written wrong. The statement's text depends only on the type, so Npgsql prepares it once per
/// connection. The rows are not tracked by the context.
/// </summary>
public static class BatchInsert
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Type), Table> Tables = new();

    /// <summary>
    /// The query of <paramref name="count"/> new values of <typeparamref name="T"/>'s identity key, to send with other
    /// statements in one round trip; its result goes to <see cref="ReadKeysAsync"/>, then <see cref="AssignKeys"/>. A row
    /// that refers to another (an audit row to its dossier) can then be built before either is inserted.
    /// </summary>
    public static NpgsqlBatchCommand KeysCommand<T>(DbContext db, int count) where T : class
    {
        var table = TableOf(db, typeof(T));
        var key = GeneratedKeyOf<T>(table);
        return new NpgsqlBatchCommand("SELECT nextval(pg_get_serial_sequence($1, $2)) FROM generate_series(1, $3)")
        {
            Parameters = { new() { Value = table.QualifiedName }, new() { Value = key.Name }, new() { Value = count } },
        };
    }

    /// <summary>The keys a <see cref="KeysCommand"/> gave, from its result set (the reader is left on it).</summary>
    public static async Task<List<long>> ReadKeysAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var keys = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetInt64(0));
        }
        return keys;
    }

    /// <summary>Sets each row's identity key to the next of <paramref name="keys"/> (at least as many as rows).</summary>
    public static void AssignKeys<T>(DbContext db, IReadOnlyList<T> rows, IReadOnlyList<long> keys) where T : class
    {
        var key = GeneratedKeyOf<T>(TableOf(db, typeof(T)));
        if (keys.Count < rows.Count)
        {
            throw new InvalidOperationException($"{rows.Count} {typeof(T).Name} rows and only {keys.Count} keys.");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            key.Set(rows[i], keys[i]);
        }
    }

    /// <summary>
    /// The insert of <paramref name="rows"/>, for <see cref="ExecuteAsync"/>. A key the database generates is
    /// inserted as the rows hold it when every row has one (<see cref="KeysCommand"/>), left to the database
    /// when none has (the rows' keys are then not read back).
    /// </summary>
    public static NpgsqlBatchCommand Command<T>(DbContext db, IReadOnlyList<T> rows) where T : class
    {
        var table = TableOf(db, typeof(T));
        var withKey = false;
        if (table.GeneratedKey is { } key)
        {
            var given = rows.Count(r => !key.IsUnset(r));
            if (given != 0 && given != rows.Count)
            {
                throw new InvalidOperationException($"Some {typeof(T).Name} rows have their key and some do not: allocate all or none.");
            }
            withKey = given != 0;
        }
        var columns = withKey ? table.ColumnsWithKey : table.Columns;
        var command = new NpgsqlBatchCommand(withKey ? table.SqlWithKey : table.Sql);
        foreach (var column in columns)
        {
            var values = Array.CreateInstance(column.ElementType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.SetValue(column.Read(rows[i]), i);
            }
            command.Parameters.Add(new NpgsqlParameter { Value = values });
        }
        return command;
    }

    /// <summary>Runs the inserts in one round trip, in the context's current transaction (there must be one).</summary>
    public static async Task ExecuteAsync(DbContext db, CancellationToken cancellationToken, params NpgsqlBatchCommand[] commands)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A batch insert runs in the caller's transaction.");
        }
        await using var batch = new NpgsqlBatch(await ConnectionAsync(db, cancellationToken));
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The columns a batch insert of <paramref name="type"/> writes, in order (a store-generated key not among them);
    /// <see cref="NotSupportedException"/>, saying why, for a type it cannot insert as EF Core would.
    /// </summary>
    public static IReadOnlyList<string> ColumnsOf(DbContext db, Type type) => [.. TableOf(db, type).Columns.Select(c => c.Name)];

    private static async Task<NpgsqlConnection> ConnectionAsync(DbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return db.Database.NpgsqlConnection();
    }

    private static Key GeneratedKeyOf<T>(Table table) =>
        table.GeneratedKey ?? throw new InvalidOperationException($"{typeof(T).Name} has no key the database generates.");

    private static Table TableOf(DbContext db, Type type) => Tables.GetOrAdd((db.Model, type), static key => Table.Of(key.Model, key.Type));

    private sealed record Column(string Name, string StoreType, Type ElementType, Func<object, object?> Read);

    private sealed record Key(string Name, FieldInfo Field, object? Unset)
    {
        public bool IsUnset(object row) => Equals(Field.GetValue(row), Unset);

        public void Set(object row, long value) => Field.SetValue(row, Convert.ChangeType(value, Field.FieldType, System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed record Table(string QualifiedName, IReadOnlyList<Column> Columns, IReadOnlyList<Column> ColumnsWithKey, Key? GeneratedKey, string Sql, string SqlWithKey)
    {
        public static Table Of(IModel model, Type type)
        {
            var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            NotSupportedException Refused(string why) => new($"A batch insert of {type.Name} cannot {why}; save it with EF Core.");
            if (entity.BaseType is not null || entity.GetDerivedTypes().Any())
            {
                throw Refused("map an inheritance hierarchy");
            }
            if (entity.GetComplexProperties().Any())
            {
                throw Refused("write complex properties");
            }
            var tableName = entity.GetTableName() ?? throw Refused("find its table");
            var store = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
            var primaryKey = entity.FindPrimaryKey();
            Key? generatedKey = null;
            Column? keyColumn = null;
            var columns = new List<Column>();
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(store) ?? throw Refused($"find the column of {property.Name}");
                if (property.IsShadowProperty() || property.FieldInfo is null && property.PropertyInfo is null)
                {
                    throw Refused($"read the shadow property {property.Name}");
                }
                if (property.GetComputedColumnSql() is not null)
                {
                    throw Refused($"leave out the computed column {name}");
                }
                var identity = property.ValueGenerated == ValueGenerated.OnAdd && primaryKey?.Properties is [var only] && only == property;
                if (!identity && (property.GetDefaultValueSql() is not null || property.TryGetDefaultValue(out _)))
                {
                    throw Refused($"apply the store default of {name}");
                }
                var column = ColumnOf(property, name);
                if (identity)
                {
                    var field = property.FieldInfo ?? throw Refused($"set the key {property.Name}");
                    generatedKey = new Key(name, field, field.FieldType.IsValueType ? Activator.CreateInstance(field.FieldType) : null);
                    keyColumn = column;
                    continue;
                }
                columns.Add(column);
            }
            foreach (var navigation in entity.GetNavigations())
            {
                var target = navigation.TargetEntityType;
                if (!target.IsOwned())
                {
                    continue;
                }
                if (!target.IsMappedToJson())
                {
                    throw Refused($"write the owned {navigation.Name} outside JSON");
                }
                if (target.GetNavigations().Any() || target.GetComplexProperties().Any())
                {
                    throw Refused($"write the nested JSON of {navigation.Name}");
                }
                columns.Add(JsonColumnOf(navigation, target));
            }
            var qualified = entity.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(tableName)}" : Quote(tableName);
            var withKey = keyColumn is null ? columns : [keyColumn, .. columns];
            return new Table(qualified, columns, withKey, generatedKey, SqlOf(qualified, columns), SqlOf(qualified, withKey));
        }

        private static string SqlOf(string table, IReadOnlyList<Column> columns)
        {
            var sql = new StringBuilder($"INSERT INTO {table} (");
            sql.AppendJoin(", ", columns.Select(c => Quote(c.Name)));
            sql.Append(") SELECT * FROM unnest(");
            sql.AppendJoin(", ", columns.Select((c, i) => $"${i + 1}::{c.StoreType}[]"));
            return sql.Append(')').ToString();
        }

        private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

        private static Column ColumnOf(IProperty property, string name)
        {
            var mapping = property.GetRelationalTypeMapping();
            var converter = property.GetValueConverter() ?? mapping.Converter;
            var getter = property.GetGetter();
            var provider = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
            var element = provider.IsValueType && property.IsNullable ? typeof(Nullable<>).MakeGenericType(provider) : provider;
            var storeType = property.GetColumnType();
            return new Column(name, storeType, element, converter is null
                ? row => getter.GetClrValue(row)
                : row => getter.GetClrValue(row) is { } value ? converter.ConvertToProvider(value) : null);
        }

        /// <summary>An owned collection or reference mapped to one JSON column, written as EF Core writes it.</summary>
        private static Column JsonColumnOf(INavigation navigation, IEntityType target)
        {
            var name = target.GetContainerColumnName() ?? throw new NotSupportedException($"{navigation.Name} has no JSON column.");
            var storeType = target.GetContainerColumnType() ?? "jsonb";
            var properties = target.GetProperties()
                .Where(p => p.GetJsonPropertyName() is not null)
                .Select(p => (Name: JsonEncodedText.Encode(p.GetJsonPropertyName()!), Getter: p.GetGetter(),
                    Writer: p.GetJsonValueReaderWriter() ?? p.GetTypeMapping().JsonValueReaderWriter
                        ?? throw new NotSupportedException($"{target.ClrType.Name}.{p.Name} has no JSON writer.")))
                .ToList();
            var getter = navigation.GetGetter();
            void WriteObject(Utf8JsonWriter json, object item)
            {
                json.WriteStartObject();
                foreach (var (propertyName, propertyGetter, writer) in properties)
                {
                    json.WritePropertyName(propertyName);
                    if (propertyGetter.GetClrValue(item) is { } value)
                    {
                        writer.ToJson(json, value);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }
                }
                json.WriteEndObject();
            }
            return new Column(name, storeType, typeof(string), row =>
            {
                if (getter.GetClrValue(row) is not { } value)
                {
                    return null;
                }
                var buffer = new ArrayBufferWriter<byte>();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    if (navigation.IsCollection)
                    {
                        json.WriteStartArray();
                        foreach (var item in (IEnumerable)value)
                        {
                            WriteObject(json, item);
                        }
                        json.WriteEndArray();
                    }
                    else
                    {
                        WriteObject(json, value);
                    }
                }
                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            });
        }
    }
}
