using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Tailor.Formats;

/// <summary>Reads the artifact's primitives through one pooled buffer, hashing each byte as it is consumed
/// (never the read-ahead), so the trailer can be checked at the end of a single forward pass. Until the file's
/// layout names its checksum (<see cref="UseChecksum"/>, after reading its format version) both kinds are
/// computed; a layout that never names one is read with SHA-256.</summary>
internal sealed partial class ArtifactReader : IDisposable
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Stream _source;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private ArtifactHash? _sha256 = new(ArtifactChecksum.Sha256);
    private ArtifactHash? _xxHash128 = new(ArtifactChecksum.XxHash128);
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
        Memory<byte> bytes = default;
        while (done < total)
        {
            if (_start < _end)
            {
                done += TakeInto(target, done);
            }
            else if (total - done >= BufferSize)
            {
                // Large arrays are read straight into place: one copy fewer for the bulk of an artifact.
                bytes = bytes.IsEmpty ? new ArrayByteMemory<T>(target).Memory : bytes;
                done += await ReadDirectAsync(bytes[done..], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads from the source into <paramref name="target"/> past the (empty) buffer, hashing what arrived.</summary>
    private async ValueTask<int> ReadDirectAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        var n = await _source.ReadAsync(target, cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            throw Truncated();
        }

        Hash(target.Span[..n]);
        return n;
    }

    /// <summary>The synchronous <see cref="ReadDirectAsync"/>, for the model payload's reader.</summary>
    private int ReadDirect(Span<byte> target)
    {
        var n = _source.Read(target);
        Hash(target[..n]);
        return n;
    }

    /// <summary>A read-only view for a model payload reader (<c>RecommenderFormat.Read</c>); it reads synchronously when the buffer runs dry.</summary>
    public Stream AsStream() => new PayloadStream(this);

    /// <summary>The checksum the file ends with; from here on only that one is computed.</summary>
    public void UseChecksum(ArtifactChecksum checksum)
    {
        if (checksum == ArtifactChecksum.Sha256)
        {
            _xxHash128?.Dispose();
            _xxHash128 = null;
        }
        else
        {
            _sha256?.Dispose();
            _sha256 = null;
        }
    }

    /// <summary>Compares the checksum of everything consumed with the trailer, then requires the end of the stream.</summary>
    public async ValueTask VerifyTrailerAsync(CancellationToken cancellationToken)
    {
        var hash = _sha256 ?? _xxHash128!;
        var actual = hash.GetHashAndReset();
        await EnsureAsync(hash.Length, cancellationToken).ConfigureAwait(false);
        var expected = _buffer.AsSpan(_start, hash.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            throw new InvalidDataException(
                $"Checksum mismatch: {hash.Checksum} of the content is {Convert.ToHexStringLower(actual)}, the trailer says {Convert.ToHexStringLower(expected)}.");
        }

        _start += hash.Length;
        if (_start < _end || await _source.ReadAsync(_buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) > 0)
        {
            throw new InvalidDataException("Corrupt: unexpected data after the checksum trailer.");
        }
    }

    public void Dispose()
    {
        _sha256?.Dispose();
        _xxHash128?.Dispose();
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
        _start += count;
        Hash(taken);
        return taken;
    }

    private void Hash(ReadOnlySpan<byte> consumed)
    {
        _sha256?.Append(consumed);
        _xxHash128?.Append(consumed);
        Consumed += consumed.Length;
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
