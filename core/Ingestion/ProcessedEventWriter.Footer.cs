using System.Buffers;
using System.Buffers.Binary;

namespace Tailor.Ingestion;

/// <summary>The file footer: Thrift-compact <c>FileMetaData</c> with the schema of <see cref="ProcessedEventSchema"/>
/// (the same physical, converted and logical types Parquet.Net writes for it) and each row group's column chunks,
/// then its length and the magic.</summary>
internal sealed partial class ProcessedEventWriter
{
    private const int ByteArrayType = 6;
    private const int DoubleType = 5;
    private const int FloatType = 4;
    private const int Int64Type = 2;
    private const int Required = 0;
    private const int Optional = 1;
    private const int Utf8ConvertedType = 0;
    private const int SnappyCodec = 1;
    private const string CreatedBy = "Tailor processed event writer";

    private static readonly byte[] s_magic = "PAR1"u8.ToArray();

    private static readonly Column[] s_columns =
    [
        new(ProcessedEventSchema.UserId.Name, ByteArrayType, Optional, ColumnLogicalType.String),
        new(ProcessedEventSchema.ItemId.Name, ByteArrayType, Optional, ColumnLogicalType.String),
        new(ProcessedEventSchema.EventType.Name, ByteArrayType, Optional, ColumnLogicalType.String),
        new(ProcessedEventSchema.Value.Name, DoubleType, Optional, ColumnLogicalType.None),
        new(ProcessedEventSchema.Weight.Name, FloatType, Required, ColumnLogicalType.None),
        new(ProcessedEventSchema.Timestamp.Name, Int64Type, Required, ColumnLogicalType.TimestampMicrosUtc),
        new(ProcessedEventSchema.RecommendationId.Name, ByteArrayType, Optional, ColumnLogicalType.String),
    ];

    private static readonly int[] s_plainEncodings = [PlainEncoding, RleEncoding];
    private static readonly int[] s_dictionaryEncodings = [PlainEncoding, RleEncoding, RleDictionaryEncoding];

    private void WriteFooter()
    {
        var start = _file.WrittenCount;
        var thrift = _header;
        thrift.I32Field(1, 1);
        thrift.BeginList(2, ThriftCompactWriter.StructType, 1 + s_columns.Length);
        thrift.BeginStruct();
        thrift.StringField(4, "root");
        thrift.I32Field(5, s_columns.Length);
        thrift.EndStruct();
        foreach (var column in s_columns)
        {
            WriteSchemaElement(thrift, column);
        }

        long rows = 0;
        foreach (var group in _rowGroups)
        {
            rows += group.Rows;
        }

        thrift.I64Field(3, rows);
        thrift.BeginList(4, ThriftCompactWriter.StructType, _rowGroups.Count);
        foreach (var group in _rowGroups)
        {
            WriteRowGroup(thrift, group);
        }

        thrift.StringField(6, CreatedBy);
        thrift.EndMessage();
        var length = _file.WrittenCount - start;
        BinaryPrimitives.WriteInt32LittleEndian(_file.GetSpan(sizeof(int)), length);
        _file.Advance(sizeof(int));
        _file.Write(s_magic);
    }

    private static void WriteSchemaElement(ThriftCompactWriter thrift, Column column)
    {
        thrift.BeginStruct();
        thrift.I32Field(1, column.PhysicalType);
        thrift.I32Field(3, column.Repetition);
        thrift.StringField(4, column.Name);
        if (column.Logical == ColumnLogicalType.String)
        {
            thrift.I32Field(6, Utf8ConvertedType);
            thrift.BeginStructField(10);
            thrift.BeginStructField(1);
            thrift.EndStruct();
            thrift.EndStruct();
        }
        else if (column.Logical == ColumnLogicalType.TimestampMicrosUtc)
        {
            thrift.BeginStructField(10);
            thrift.BeginStructField(8);
            thrift.BoolField(1, true);
            thrift.BeginStructField(2);
            thrift.BeginStructField(2);
            thrift.EndStruct();
            thrift.EndStruct();
            thrift.EndStruct();
            thrift.EndStruct();
        }

        thrift.EndStruct();
    }

    private static void WriteRowGroup(ThriftCompactWriter thrift, RowGroupMeta group)
    {
        thrift.BeginStruct();
        thrift.BeginList(1, ThriftCompactWriter.StructType, group.Columns.Length);
        var total = default(PageSizes);
        for (var c = 0; c < group.Columns.Length; c++)
        {
            var chunk = group.Columns[c];
            total += chunk.Sizes;
            thrift.BeginStruct();
            thrift.I64Field(2, chunk.Start);
            thrift.BeginStructField(3);
            thrift.I32Field(1, s_columns[c].PhysicalType);
            thrift.I32ListField(2, chunk.DictionaryPageOffset is null ? s_plainEncodings : s_dictionaryEncodings);
            thrift.StringListField(3, s_columns[c].Name);
            thrift.I32Field(4, SnappyCodec);
            thrift.I64Field(5, chunk.Values);
            thrift.I64Field(6, chunk.Sizes.Uncompressed);
            thrift.I64Field(7, chunk.Sizes.Compressed);
            thrift.I64Field(9, chunk.DataPageOffset);
            if (chunk.DictionaryPageOffset is { } dictionary)
            {
                thrift.I64Field(11, dictionary);
            }

            thrift.EndStruct();
            thrift.EndStruct();
        }

        thrift.I64Field(2, total.Uncompressed);
        thrift.I64Field(3, group.Rows);
        thrift.I64Field(5, group.Start);
        thrift.I64Field(6, total.Compressed);
        thrift.EndStruct();
    }

    private enum ColumnLogicalType
    {
        None,
        String,
        TimestampMicrosUtc,
    }

    private readonly record struct Column(string Name, int PhysicalType, int Repetition, ColumnLogicalType Logical);
}
