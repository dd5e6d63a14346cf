using Tailor.Streams;

namespace Tailor.Events.Reading;

/// <summary>A read-only forward stream that first returns bytes already read from <paramref name="inner"/>
/// (to sniff magic numbers) and then the rest of <paramref name="inner"/>.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : ForwardOnlyReadStream(inner)
{
    private int _prefixPosition;

    /// <summary>Reads up to <paramref name="count"/> bytes from the start of <paramref name="stream"/> and
    /// returns them with a stream that still yields the whole content.</summary>
    public static async ValueTask<(byte[] Head, int Length, Stream Content)> PeekAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var head = new byte[count];
        var length = await stream.ReadAtLeastAsync(head, count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return (head, length, new PrefixedStream(head, length, stream));
    }

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPosition < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _prefixPosition);
            prefix.AsSpan(_prefixPosition, n).CopyTo(buffer);
            _prefixPosition += n;
            return n;
        }

        return Inner.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefixPosition < prefixLength)
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }

        return Inner.ReadAsync(buffer, cancellationToken);
    }
}
