using System.IO.Hashing;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Tailor.Feedback;

/// <summary>
/// The in-memory side of the impressions store: a bounded channel that serving writes to without waiting, and the
/// <see cref="ImpressionFlusher"/> drains in the background. Sampling (<see cref="FeedbackOptions.ImpressionSampling"/>)
/// is decided by a hash of the recommendation id, so a list is either kept or not, whichever process sees it.
/// When the buffer is full the impression is dropped and counted, never waited for.
/// </summary>
public sealed class ImpressionBuffer : IImpressionRecorder
{
    private readonly Channel<Impression> _channel;
    private readonly double _sampling;
    private long _dropped;
    private long _sampledOut;

    public ImpressionBuffer(IOptions<FeedbackOptions> options)
    {
        var value = options.Value;
        _sampling = value.ImpressionSampling;
        _channel = Channel.CreateBounded<Impression>(new BoundedChannelOptions(value.BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Impressions dropped because the buffer was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Impressions left out by sampling, since start.</summary>
    public long SampledOut => Interlocked.Read(ref _sampledOut);

    /// <summary>Impressions waiting to be flushed.</summary>
    public int Count => _channel.Reader.Count;

    internal ChannelReader<Impression> Reader => _channel.Reader;

    public void Record(Impression impression)
    {
        if (!IsSampled(impression.RecommendationId, _sampling))
        {
            Interlocked.Increment(ref _sampledOut);
            FeedbackTelemetry.RecordImpression(FeedbackTelemetry.Outcomes.SampledOut, impression.Variant);
            return;
        }

        if (_channel.Writer.TryWrite(impression))
        {
            FeedbackTelemetry.RecordImpression(FeedbackTelemetry.Outcomes.Buffered, impression.Variant);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
            FeedbackTelemetry.RecordImpression(FeedbackTelemetry.Outcomes.Dropped, impression.Variant);
        }
    }

    /// <summary>Takes every impression buffered now (at most <paramref name="max"/>).</summary>
    internal List<Impression> Drain(int max)
    {
        var taken = new List<Impression>(Math.Min(max, Math.Max(Count, 1)));
        while (taken.Count < max && _channel.Reader.TryRead(out var impression))
        {
            taken.Add(impression);
        }

        return taken;
    }

    /// <summary>Whether a list with this id is recorded at sampling rate <paramref name="sampling"/>: the id's hash
    /// mapped to [0, 1) is below the rate.</summary>
    public static bool IsSampled(string recommendationId, double sampling)
    {
        if (sampling >= 1.0)
        {
            return true;
        }

        if (sampling <= 0.0)
        {
            return false;
        }

        return StableHash.Unit(recommendationId) < sampling;
    }
}

/// <summary>A hash of a string to [0, 1) that is the same in every process and release (XxHash64 of its UTF-8).</summary>
public static class StableHash
{
    public static double Unit(string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(text, buffer)]
            : Encoding.UTF8.GetBytes(text);
        var hash = XxHash64.HashToUInt64(bytes);
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
