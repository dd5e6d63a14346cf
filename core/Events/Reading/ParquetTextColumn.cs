using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Tailor.Events.Reading;

/// <summary>One Parquet column of a row group, loaded whole and shown as text cell by cell, so that Parquet
/// rows go through the same validation as CSV and JSON Lines.</summary>
internal abstract class ParquetTextColumn(DataField field)
{
    public DataField Field { get; } = field;

    /// <summary>Reads the column of <paramref name="rowGroup"/>.</summary>
    public abstract Task LoadAsync(ParquetRowGroupReader rowGroup, int rows, CancellationToken cancellationToken);

    /// <summary>Writes cell <paramref name="row"/> as text; returns its length (0 for null).</summary>
    public abstract int Format(int row, Span<char> destination);

    /// <summary>A column reader for <paramref name="field"/>, or null when its type cannot hold an event field.</summary>
    public static ParquetTextColumn? For(DataField field)
    {
        if (field.IsArray)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type == typeof(string) || type == typeof(ReadOnlyMemory<char>) ? new Strings(field)
            : type == typeof(int) ? Of<int>(field)
            : type == typeof(long) ? Of<long>(field)
            : type == typeof(short) ? Of<short>(field)
            : type == typeof(sbyte) ? Of<sbyte>(field)
            : type == typeof(byte) ? Of<byte>(field)
            : type == typeof(ushort) ? Of<ushort>(field)
            : type == typeof(uint) ? Of<uint>(field)
            : type == typeof(ulong) ? Of<ulong>(field)
            : type == typeof(float) ? Of<float>(field)
            : type == typeof(double) ? Of<double>(field)
            : type == typeof(decimal) ? Of<decimal>(field)
            : type == typeof(DateTime) ? Of<DateTime>(field)
            : type == typeof(DateTimeOffset) ? Of<DateTimeOffset>(field)
            : null;
    }

    private static ParquetTextColumn Of<T>(DataField field)
        where T : struct, ISpanFormattable =>
        field.IsNullable ? new NullableValues<T>(field) : new Values<T>(field);

    private static int FormatValue<T>(T value, Span<char> destination)
        where T : struct, ISpanFormattable
    {
        if (value is DateTime dateTime)
        {
            // Parquet timestamps are UTC whatever their Kind says.
            return DateTime.SpecifyKind(dateTime, DateTimeKind.Utc).TryFormat(destination, out var n, "O", CultureInfo.InvariantCulture) ? n : 0;
        }

        var format = value is float or double ? "R" : value is DateTimeOffset ? "O" : default(ReadOnlySpan<char>);
        return value.TryFormat(destination, out var written, format, CultureInfo.InvariantCulture) ? written : 0;
    }

    private sealed class Strings(DataField field) : ParquetTextColumn(field)
    {
        private string?[] _values = [];

        public override async Task LoadAsync(ParquetRowGroupReader rowGroup, int rows, CancellationToken cancellationToken)
        {
            _values = new string?[rows];
            await rowGroup.ReadAsync(Field, _values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        }

        public override int Format(int row, Span<char> destination)
        {
            var value = _values[row].AsSpan();
            var length = Math.Min(value.Length, destination.Length);
            value[..length].CopyTo(destination);
            return length;
        }
    }

    private sealed class Values<T>(DataField field) : ParquetTextColumn(field)
        where T : struct, ISpanFormattable
    {
        private T[] _values = [];

        public override async Task LoadAsync(ParquetRowGroupReader rowGroup, int rows, CancellationToken cancellationToken)
        {
            _values = new T[rows];
            await rowGroup.ReadAsync(Field, _values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        }

        public override int Format(int row, Span<char> destination) => FormatValue(_values[row], destination);
    }

    private sealed class NullableValues<T>(DataField field) : ParquetTextColumn(field)
        where T : struct, ISpanFormattable
    {
        private T?[] _values = [];

        public override async Task LoadAsync(ParquetRowGroupReader rowGroup, int rows, CancellationToken cancellationToken)
        {
            _values = new T?[rows];
            await rowGroup.ReadAsync(Field, _values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        }

        public override int Format(int row, Span<char> destination) =>
            _values[row] is { } value ? FormatValue(value, destination) : 0;
    }
}
