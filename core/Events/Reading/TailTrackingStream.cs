using Tailor.Streams;

namespace Tailor.Events.Reading;

/// <summary>A read-only forward stream over <paramref name="inner"/> that remembers the last eight bytes it
/// passed on (a gzip member's trailer: CRC-32 and size).</summary>
internal sealed class TailTrackingStream(Stream inner) : ForwardOnlyReadStream(inner)
{
    private readonly byte[] _tail = new byte[8];
    private int _tailLength;

    /// <summary>The last bytes read (up to eight).</summary>
    public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _tailLength);

    public override int Read(Span<byte> buffer) => Track(buffer, Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Track(buffer.Span, read);
    }

    /// <summary>Reads whatever is left (bytes after the compressed data), so that <see cref="Tail"/> is the
    /// content's true end.</summary>
    public async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    private int Track(ReadOnlySpan<byte> buffer, int read)
    {
        if (read >= 8)
        {
            buffer.Slice(read - 8, 8).CopyTo(_tail);
            _tailLength = 8;
        }
        else if (read > 0)
        {
            var keep = Math.Min(_tailLength, 8 - read);
            _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
            buffer[..read].CopyTo(_tail.AsSpan(keep));
            _tailLength = keep + read;
        }

        return read;
    }
}
