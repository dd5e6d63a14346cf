namespace Tailor.Events.Reading;

/// <summary>A read-only forward stream that rejects the file when it runs longer than
/// <paramref name="maxLineBytes"/> without a line break, so that a CSV reader (which holds a whole row in
/// memory) never buffers a binary or single-line file of arbitrary size.</summary>
internal sealed class LineLengthGuardStream(Stream inner, int maxLineBytes) : Stream
{
    private long _sinceNewline;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Check(buffer, inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
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

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
