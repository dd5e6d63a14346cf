using System.Buffers;
using System.Text;

namespace Tailor.Ingestion;

/// <summary>The write side of Thrift's compact protocol, as far as Parquet page headers and the file footer need it:
/// fields of i32, i64, bool, binary and struct, and lists of i32, binary and struct. Fields must be written in
/// increasing id order within each struct (then each header is one byte).</summary>
internal sealed class ThriftCompactWriter(ArrayBufferWriter<byte> output)
{
    private const byte BoolTrue = 1;
    private const byte BoolFalse = 2;
    private const byte I32Type = 5;
    private const byte I64Type = 6;
    private const byte BinaryType = 8;
    private const byte ListType = 9;

    /// <summary>The compact type of a struct, for <see cref="BeginList"/>.</summary>
    public const byte StructType = 12;

    private readonly Stack<short> _outer = new();
    private short _last;

    public void I32Field(short id, int value)
    {
        FieldHeader(id, I32Type);
        Varint(ZigZag(value));
    }

    public void I64Field(short id, long value)
    {
        FieldHeader(id, I64Type);
        Varint(ZigZag(value));
    }

    public void BoolField(short id, bool value) => FieldHeader(id, value ? BoolTrue : BoolFalse);

    public void StringField(short id, string value)
    {
        FieldHeader(id, BinaryType);
        String(value);
    }

    /// <summary>Starts a struct field; close it with <see cref="EndStruct"/>.</summary>
    public void BeginStructField(short id)
    {
        FieldHeader(id, StructType);
        BeginStruct();
    }

    /// <summary>Starts a struct that is a list element (it has no field header).</summary>
    public void BeginStruct()
    {
        _outer.Push(_last);
        _last = 0;
    }

    /// <summary>Writes the stop byte of the current struct.</summary>
    public void EndStruct()
    {
        Byte(0);
        _last = _outer.Pop();
    }

    /// <summary>Writes the stop byte of the outermost struct (the message itself), ready for the next message.</summary>
    public void EndMessage()
    {
        Byte(0);
        _last = 0;
    }

    /// <summary>Starts a list field of <paramref name="count"/> elements of <paramref name="elementType"/>
    /// (<see cref="StructType"/>, or use <see cref="I32ListField"/> and <see cref="StringListField"/>).</summary>
    public void BeginList(short id, byte elementType, int count)
    {
        FieldHeader(id, ListType);
        if (count < 15)
        {
            Byte((byte)((count << 4) | elementType));
        }
        else
        {
            Byte((byte)(0xF0 | elementType));
            Varint((uint)count);
        }
    }

    public void I32ListField(short id, ReadOnlySpan<int> values)
    {
        BeginList(id, I32Type, values.Length);
        foreach (var value in values)
        {
            Varint(ZigZag(value));
        }
    }

    public void StringListField(short id, string value)
    {
        BeginList(id, BinaryType, 1);
        String(value);
    }

    private void FieldHeader(short id, byte type)
    {
        var delta = id - _last;
        if (delta is > 0 and <= 15)
        {
            Byte((byte)((delta << 4) | type));
        }
        else
        {
            Byte(type);
            Varint(ZigZag(id));
        }

        _last = id;
    }

    private void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Varint((uint)length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    private void Byte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private void Varint(ulong value)
    {
        var span = output.GetSpan(10);
        var at = 0;
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[at++] = (byte)value;
        output.Advance(at);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
