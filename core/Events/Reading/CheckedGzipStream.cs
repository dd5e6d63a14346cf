using System.Buffers.Binary;
using System.IO.Compression;
using Tailor.Streams;

namespace Tailor.Events.Reading;

/// <summary>
/// Decompresses gzip and refuses what <see cref="GZipStream"/> lets through: content that decompresses to
/// more than the configured limit of bytes (a gzip bomb), and truncated content, which GZipStream ends
/// silently. At the end, the size recorded in the trailer (ISIZE, the last four bytes) must equal the
/// number of bytes decompressed modulo 2^32; a truncated file ends inside compressed data instead.
/// (Concatenated gzip members are checked against the total size, which holds for a single member; files
/// of several members are reported as corrupt.)
/// </summary>
internal sealed class CheckedGzipStream : ForwardOnlyReadStream
{
    private readonly TailTrackingStream _compressed;
    private readonly long _limit;
    private long _read;
    private bool _verified;

    public CheckedGzipStream(Stream compressed, long limit)
        : this(new TailTrackingStream(compressed), limit)
    {
    }

    private CheckedGzipStream(TailTrackingStream compressed, long limit)
        : base(new GZipStream(compressed, CompressionMode.Decompress))
    {
        _compressed = compressed;
        _limit = limit;
    }

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        if (n == 0 && !buffer.IsEmpty)
        {
            _compressed.DrainAsync(default).AsTask().GetAwaiter().GetResult();
            Verify();
        }

        return Count(n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (n == 0 && !buffer.IsEmpty)
        {
            await _compressed.DrainAsync(cancellationToken).ConfigureAwait(false);
            Verify();
        }

        return Count(n);
    }

    private int Count(int n)
    {
        _read += n;
        if (_read > _limit)
        {
            throw new EventFileRejectedException(
                $"The content is larger than {_limit} bytes when decompressed (setting {EventOptions.Section}:{nameof(EventOptions.MaxUncompressedBytes)}).");
        }

        return n;
    }

    private void Verify()
    {
        if (_verified)
        {
            return;
        }

        var tail = _compressed.Tail;
        var expected = tail.Length == 8 ? BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) : (uint?)null;
        if (expected != (uint)_read)
        {
            throw new EventFileRejectedException(
                $"The gzip content is truncated or corrupt: {_read} bytes decompressed, but its trailer does not record that size (concatenated gzip members are not supported).");
        }

        _verified = true;
    }
}
