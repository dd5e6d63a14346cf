using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Tailor.Formats;

/// <summary>Writes the artifact's primitives little-endian through one pooled buffer, hashing every byte
/// on its way out so the checksum trailer costs no second pass.</summary>
internal sealed partial class ArtifactWriter(Stream destination, ArtifactChecksum checksum = ArtifactChecksum.Sha256) : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private readonly ArtifactHash _hash = new(checksum);
    private int _used;

    /// <summary>Bytes written so far (buffered or flushed).</summary>
    public long Written { get; private set; }

    public ValueTask WriteBytesAsync(ReadOnlySpan<byte> bytes, CancellationToken cancellationToken)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            // Only the small header values go through here, so a synchronous copy after the flush is fine.
            var copy = bytes.ToArray();
            return FlushThenAsync(copy, cancellationToken);
        }

        Append(bytes);
        return default;
    }

    public ValueTask WriteInt32Async(int value, CancellationToken cancellationToken)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return WriteBytesAsync(bytes, cancellationToken);
    }

    public ValueTask WriteInt64Async(long value, CancellationToken cancellationToken)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return WriteBytesAsync(bytes, cancellationToken);
    }

    public ValueTask WriteStringAsync(string value, CancellationToken cancellationToken)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > ArtifactFormat.MaxStringBytes)
        {
            throw new ArgumentException($"'{value[..32]}…' is {length} UTF-8 bytes; the artifact accepts at most {ArtifactFormat.MaxStringBytes}.", nameof(value));
        }

        var size = 5 + length;
        Span<byte> bytes = size <= 256 ? stackalloc byte[256] : new byte[size];
        var at = 0;
        var remaining = (uint)length;
        while (remaining >= 0x80)
        {
            bytes[at++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        bytes[at++] = (byte)remaining;
        at += Encoding.UTF8.GetBytes(value, bytes[at..]);
        return WriteBytesAsync(bytes[..at], cancellationToken);
    }

    public async ValueTask WriteStringsAsync(string[] values, CancellationToken cancellationToken)
    {
        await WriteInt32Async(values.Length, cancellationToken).ConfigureAwait(false);
        foreach (var value in values)
        {
            await WriteStringAsync(value, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the raw little-endian elements of <paramref name="values"/> (no length prefix).</summary>
    public async ValueTask WriteArrayAsync<T>(T[] values, CancellationToken cancellationToken)
        where T : unmanaged
    {
        var total = MemoryMarshal.AsBytes(values.AsSpan()).Length;
        var done = 0;
        while (done < total)
        {
            if (_used == _buffer.Length)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            done += AppendSlice(values, done);
        }
    }

    /// <summary>A write-only view for a model payload writer (<c>IRecommender.Write</c>); it writes synchronously when the buffer fills.</summary>
    public Stream AsStream() => new PayloadStream(this);

    /// <summary>Flushes the buffer, then writes the checksum of everything written so far (not itself hashed).</summary>
    public async ValueTask WriteTrailerAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var hash = _hash.GetHashAndReset();
        await destination.WriteAsync(hash, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private int AppendSlice<T>(T[] values, int byteOffset)
        where T : unmanaged
    {
        var source = MemoryMarshal.AsBytes(values.AsSpan())[byteOffset..];
        var n = Math.Min(source.Length, _buffer.Length - _used);
        var target = _buffer.AsSpan(_used, n);
        source[..n].CopyTo(target);
        Commit(target);
        return n;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var target = _buffer.AsSpan(_used, bytes.Length);
        bytes.CopyTo(target);
        Commit(target);
    }

    private void Commit(ReadOnlySpan<byte> written)
    {
        _hash.Append(written);
        _used += written.Length;
        Written += written.Length;
    }

    private async ValueTask FlushThenAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        Append(bytes);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_used > 0)
        {
            await destination.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken).ConfigureAwait(false);
            _used = 0;
        }
    }

    private void Flush()
    {
        if (_used > 0)
        {
            destination.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
