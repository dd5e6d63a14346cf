using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Snappier;

namespace Tailor.Ingestion;

/// <summary>The column chunks: one dictionary page (for a string column with values) and one data page (v1) each,
/// compressed with Snappy, with their Thrift page headers.</summary>
internal sealed partial class ProcessedEventWriter
{
    private const int DataPage = 0;
    private const int DictionaryPage = 2;
    private const int PlainEncoding = 0;
    private const int RleEncoding = 3;
    private const int RleDictionaryEncoding = 8;

    private readonly ThriftCompactWriter _header;
    private readonly ArrayBufferWriter<byte> _body = new(1 << 20);
    private readonly ArrayBufferWriter<byte> _levelBytes = new(1 << 12);
    private readonly int[] _levels;
    private byte[] _compressed = [];

    private ColumnChunkMeta WriteStrings(DictionaryStringColumn column, int rows)
    {
        var indexes = column.Rows(rows);
        if (column.DistinctCount == 0)
        {
            WriteLevels(rows, level: 0);
            var (offset, chunk) = WritePage(DataPage, rows, PlainEncoding);
            return new ColumnChunkMeta(rows, offset, null, chunk);
        }

        column.WriteDictionary(_body);
        var (dictionaryOffset, dictionary) = WritePage(DictionaryPage, column.DistinctCount, PlainEncoding);
        var bitWidth = RleBitPackedHybrid.BitWidth(column.DistinctCount - 1);
        if (column.NullCount == 0)
        {
            WriteLevels(rows, level: 1);
            _body.Write([(byte)bitWidth]);
            RleBitPackedHybrid.Encode(indexes, bitWidth, _body);
        }
        else
        {
            var levels = _levels.AsSpan(0, rows);
            var present = 0;
            for (var i = 0; i < indexes.Length; i++)
            {
                var index = indexes[i];
                levels[i] = index >= 0 ? 1 : 0;
                if (index >= 0)
                {
                    indexes[present++] = index;
                }
            }

            WriteLevels(levels);
            _body.Write([(byte)bitWidth]);
            RleBitPackedHybrid.Encode(indexes[..present], bitWidth, _body);
        }

        var (dataOffset, data) = WritePage(DataPage, rows, RleDictionaryEncoding);
        return new ColumnChunkMeta(rows, dataOffset, dictionaryOffset, dictionary + data);
    }

    private ColumnChunkMeta WriteOptionalPlain<T>(ReadOnlySpan<int> levels, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        WriteLevels(levels);
        _body.Write(MemoryMarshal.AsBytes(values));
        var (offset, chunk) = WritePage(DataPage, levels.Length, PlainEncoding);
        return new ColumnChunkMeta(levels.Length, offset, null, chunk);
    }

    private ColumnChunkMeta WritePlain<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        _body.Write(MemoryMarshal.AsBytes(values));
        var (offset, chunk) = WritePage(DataPage, values.Length, PlainEncoding);
        return new ColumnChunkMeta(values.Length, offset, null, chunk);
    }

    /// <summary>Appends definition levels (maximum 1) with their 4-byte length, as a v1 data page starts.</summary>
    private void WriteLevels(ReadOnlySpan<int> levels)
    {
        RleBitPackedHybrid.Encode(levels, bitWidth: 1, _levelBytes);
        AppendLevels();
    }

    /// <summary>Appends definition levels that are all <paramref name="level"/>: one RLE run.</summary>
    private void WriteLevels(int rows, int level)
    {
        RleBitPackedHybrid.Rle(level, rows, bitWidth: 1, _levelBytes);
        AppendLevels();
    }

    private void AppendLevels()
    {
        BinaryPrimitives.WriteInt32LittleEndian(_body.GetSpan(sizeof(int)), _levelBytes.WrittenCount);
        _body.Advance(sizeof(int));
        _body.Write(_levelBytes.WrittenSpan);
        _levelBytes.ResetWrittenCount();
    }

    /// <summary>Compresses the page body gathered in <see cref="_body"/> and appends header and page to the file.</summary>
    private (long Offset, PageSizes Sizes) WritePage(int type, int values, int encoding)
    {
        var offset = Position;
        var body = _body.WrittenSpan;
        var bound = Snappy.GetMaxCompressedLength(body.Length);
        if (_compressed.Length < bound)
        {
            _compressed = new byte[Math.Max(bound, _compressed.Length * 2)];
        }

        var compressed = Snappy.Compress(body, _compressed);
        _header.I32Field(1, type);
        _header.I32Field(2, body.Length);
        _header.I32Field(3, compressed);
        if (type == DictionaryPage)
        {
            _header.BeginStructField(7);
            _header.I32Field(1, values);
            _header.I32Field(2, encoding);
        }
        else
        {
            _header.BeginStructField(5);
            _header.I32Field(1, values);
            _header.I32Field(2, encoding);
            _header.I32Field(3, RleEncoding);
            _header.I32Field(4, RleEncoding);
        }

        _header.EndStruct();
        _header.EndMessage();
        var headerLength = (int)(Position - offset);
        _file.Write(_compressed.AsSpan(0, compressed));
        var sizes = new PageSizes(headerLength + body.Length, headerLength + compressed);
        _body.ResetWrittenCount();
        return (offset, sizes);
    }

    /// <summary>A page's or column chunk's size in the file, header included, before and after compression.</summary>
    private readonly record struct PageSizes(long Uncompressed, long Compressed)
    {
        public static PageSizes operator +(PageSizes a, PageSizes b) => new(a.Uncompressed + b.Uncompressed, a.Compressed + b.Compressed);
    }

    private readonly record struct ColumnChunkMeta(int Values, long DataPageOffset, long? DictionaryPageOffset, PageSizes Sizes)
    {
        public long Start => DictionaryPageOffset ?? DataPageOffset;
    }

    private sealed record RowGroupMeta(ColumnChunkMeta[] Columns, int Rows, long Start);
}
