using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Tailor.Formats;

/// <summary>Reads the artifact's primitives through one pooled buffer, hashing each byte as it is consumed
/// (never the read-ahead), so the trailer can be checked at the end of a single forward pass.</summary>
internal sealed partial class ArtifactReader : IDisposable
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Stream _source;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _available;
    private int _start;
    private int _end;

    public ArtifactReader(Stream source)
    {
        _source = source;
        _available = source.CanSeek ? source.Length - source.Position : long.MaxValue;
    }

    /// <summary>Bytes consumed (and hashed) so far.</summary>
    public long Consumed { get; private set; }

    public async ValueTask ReadExactlyAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        await EnsureAsync(target.Length, cancellationToken).ConfigureAwait(false);
        Take(target.Length).CopyTo(target.Span);
    }

    public async ValueTask<int> ReadInt32Async(CancellationToken cancellationToken)
    {
        await EnsureAsync(sizeof(int), cancellationToken).ConfigureAwait(false);
        return BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));
    }

    public async ValueTask<long> ReadInt64Async(CancellationToken cancellationToken)
    {
        await EnsureAsync(sizeof(long), cancellationToken).ConfigureAwait(false);
        return BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));
    }

    public async ValueTask<string> ReadStringAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 28)
            {
                throw new InvalidDataException("Model artifact is corrupt: a string length prefix is malformed.");
            }

            await EnsureAsync(1, cancellationToken).ConfigureAwait(false);
            var b = Take(1)[0];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        if (length is < 0 or > ArtifactFormat.MaxStringBytes)
        {
            throw new InvalidDataException($"Model artifact is corrupt: a string claims {length} bytes (at most {ArtifactFormat.MaxStringBytes}).");
        }

        await EnsureAsync(length, cancellationToken).ConfigureAwait(false);
        return s_strictUtf8.GetString(Take(length));
    }

    public async ValueTask<string[]> ReadStringsAsync(string what, CancellationToken cancellationToken)
    {
        var count = await ReadCountAsync(what, minimumBytesEach: 1, cancellationToken).ConfigureAwait(false);
        var values = new string[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = await ReadStringAsync(cancellationToken).ConfigureAwait(false);
        }

        return values;
    }

    /// <summary>Reads an element count and checks that so many elements can still follow in the stream
    /// (when its length is known), so a corrupt count fails here instead of allocating gigabytes.</summary>
    public async ValueTask<int> ReadCountAsync(string what, int minimumBytesEach, CancellationToken cancellationToken)
    {
        var count = await ReadInt32Async(cancellationToken).ConfigureAwait(false);
        CheckCount(what, count, minimumBytesEach);
        return count;
    }

    public void CheckCount(string what, long count, int bytesEach)
    {
        var remaining = _available - Consumed;
        if (count < 0 || count > Array.MaxLength / bytesEach || count * bytesEach > remaining)
        {
            throw new InvalidDataException($"Model artifact is corrupt or truncated: {count} {what} cannot fit in the remaining {remaining} bytes.");
        }
    }

    /// <summary>Fills <paramref name="target"/> with raw little-endian elements.</summary>
    public async ValueTask ReadArrayAsync<T>(T[] target, string what, CancellationToken cancellationToken)
        where T : unmanaged
    {
        CheckCount(what, target.Length, Unsafe.SizeOf<T>());
        var total = target.Length * Unsafe.SizeOf<T>();
        var done = 0;
        while (done < total)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            done += TakeInto(target, done);
        }
    }

    /// <summary>A read-only view for a model payload reader (<c>RecommenderFormat.Read</c>); it reads synchronously when the buffer runs dry.</summary>
    public Stream AsStream() => new PayloadStream(this);

    /// <summary>Compares the SHA-256 of everything consumed with the trailer, then requires the end of the stream.</summary>
    public async ValueTask VerifyTrailerAsync(CancellationToken cancellationToken)
    {
        var actual = _hash.GetHashAndReset();
        await EnsureAsync(ArtifactFormat.HashLength, cancellationToken).ConfigureAwait(false);
        var expected = _buffer.AsSpan(_start, ArtifactFormat.HashLength);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            throw new InvalidDataException(
                $"Checksum mismatch: SHA-256 of the content is {Convert.ToHexStringLower(actual)}, the trailer says {Convert.ToHexStringLower(expected)}.");
        }

        _start += ArtifactFormat.HashLength;
        if (_start < _end || await _source.ReadAsync(_buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) > 0)
        {
            throw new InvalidDataException("Corrupt: unexpected data after the checksum trailer.");
        }
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private async ValueTask EnsureAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return;
        }

        Compact();
        while (_end < count)
        {
            var n = await _source.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw Truncated();
            }

            _end += n;
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        _start = _end = 0;
        var n = await _source.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            throw Truncated();
        }

        _end = n;
    }

    private int FillSync()
    {
        Compact();
        var n = _source.Read(_buffer, _end, _buffer.Length - _end);
        _end += n;
        return n;
    }

    private void Compact()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        var taken = _buffer.AsSpan(_start, count);
        _hash.AppendData(taken);
        _start += count;
        Consumed += count;
        return taken;
    }

    private int TakeInto<T>(T[] target, int byteOffset)
        where T : unmanaged
    {
        var destination = MemoryMarshal.AsBytes(target.AsSpan())[byteOffset..];
        var n = Math.Min(destination.Length, _end - _start);
        Take(n).CopyTo(destination);
        return n;
    }

    private static EndOfStreamException Truncated() => new("The model artifact ended early (truncated).");
}
