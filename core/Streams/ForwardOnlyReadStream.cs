namespace Tailor.Streams;

/// <summary>
/// The common part of a read-only, forward-only stream: it cannot seek, write or tell its length, and its
/// array overloads forward to the span and memory ones. A derived stream implements
/// <see cref="Read(Span{byte})"/> and, when its source is truly asynchronous,
/// <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>. The inner stream it is given is its own:
/// disposing this stream disposes that one.
/// </summary>
internal abstract class ForwardOnlyReadStream : Stream
{
    /// <summary>A stream that wraps no other stream (it reads from memory or from its owner's buffer).</summary>
    protected ForwardOnlyReadStream()
        : this(Null)
    {
    }

    /// <summary>A stream that reads from <paramref name="inner"/> and disposes it with itself.</summary>
    protected ForwardOnlyReadStream(Stream inner) => Inner = inner;

    /// <summary>The wrapped stream, owned by this one; <see cref="Stream.Null"/> when there is none.</summary>
    protected Stream Inner { get; }

    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public sealed override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public abstract override int Read(Span<byte> buffer);

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads synchronously, which suits a source in memory or in an owner's buffer; a stream over
    /// an asynchronous source overrides this.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<int>(cancellationToken)
            : ValueTask.FromResult(Read(buffer.Span));

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
