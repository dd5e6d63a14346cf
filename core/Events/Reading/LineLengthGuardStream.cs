using Tailor.Streams;

namespace Tailor.Events.Reading;

/// <summary>A read-only forward stream that rejects the file when it runs longer than
/// <paramref name="maxLineBytes"/> without a line break, so that a CSV reader (which holds a whole row in
/// memory) never buffers a binary or single-line file of arbitrary size.</summary>
internal sealed class LineLengthGuardStream(Stream inner, int maxLineBytes) : ForwardOnlyReadStream(inner)
{
    private long _sinceNewline;

    public override int Read(Span<byte> buffer) => Check(buffer, Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Check(buffer.Span, read);
    }

    private int Check(ReadOnlySpan<byte> buffer, int read)
    {
        var last = buffer[..read].LastIndexOf((byte)'\n');
        _sinceNewline = last >= 0 ? read - last - 1 : _sinceNewline + read;
        if (_sinceNewline > maxLineBytes)
        {
            throw new EventFileRejectedException($"The file has a line longer than {maxLineBytes} bytes; it is not an event file.");
        }

        return read;
    }
}
