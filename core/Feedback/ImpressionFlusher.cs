using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tailor.Feedback;

/// <summary>
/// Drains the <see cref="ImpressionBuffer"/> into the <see cref="ImpressionStore"/> in the background: every
/// <see cref="FeedbackOptions.FlushIntervalMilliseconds"/> while anything is buffered, and once more on a clean
/// shutdown (<see cref="StopAsync"/>, or <see cref="DisposeAsync"/> where no host runs), so nothing buffered is lost when
/// the process ends cleanly. A failed append keeps its impressions for the next flush (up to the buffer's capacity; beyond it the oldest are dropped and counted).
/// </summary>
public sealed partial class ImpressionFlusher(
    ImpressionBuffer buffer, ImpressionStore store, IOptions<FeedbackOptions> options, TimeProvider time, ILogger<ImpressionFlusher> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>How long disposing waits for the last flush.</summary>
    public const int DisposeFlushSeconds = 10;

    private const int MaxPerFlush = 100_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Impression> _retry = [];
    private Task? _loop;

    /// <summary>Impressions appended since start.</summary>
    public long Flushed { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loop and flushes what is still buffered (bounded by the host's shutdown token).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await FlushRemainingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends what is buffered now; false when the append failed (the impressions are kept for the next try).</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = _retry.Count > 0 ? [.. _retry] : new List<Impression>();
            _retry.Clear();
            batch.AddRange(buffer.Drain(MaxPerFlush));
            if (batch.Count == 0)
            {
                return true;
            }

            using var activity = FeedbackTelemetry.Source.StartActivity("flush impressions");
            var started = time.GetTimestamp();
            try
            {
                await store.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Keep(batch);
                if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                LogFlushFailed(logger, batch.Count, e);
                return false;
            }

            Flushed += batch.Count;
            FeedbackTelemetry.Flushed.Add(batch.Count);
            FeedbackTelemetry.FlushDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the loop and flushes what is still buffered, within <see cref="DisposeFlushSeconds"/>: a process
    /// without a host (a one-shot CLI command) disposes its services instead of stopping them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(DisposeFlushSeconds)))
        {
            try
            {
                await FlushRemainingAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                LogDisposeFlushTimedOut(logger, buffer.Count + _retry.Count);
            }
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    private async Task FlushRemainingAsync(CancellationToken cancellationToken)
    {
        while (buffer.Count > 0 || _retry.Count > 0)
        {
            if (!await FlushAsync(cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.FlushIntervalMilliseconds);
        try
        {
            while (await buffer.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                await Task.Delay(interval, time, stopping).ConfigureAwait(false);
                await FlushAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: StopAsync flushes what is left.
        }
    }

    private void Keep(List<Impression> batch)
    {
        var capacity = options.Value.BufferCapacity;
        var overflow = batch.Count - capacity;
        if (overflow > 0)
        {
            for (var i = 0; i < overflow; i++)
            {
                FeedbackTelemetry.RecordImpression(FeedbackTelemetry.Outcomes.Failed, batch[i].Variant);
            }

            batch.RemoveRange(0, overflow);
        }

        _retry.AddRange(batch);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last flush did not finish in time; {Count} impressions were not stored")]
    private static partial void LogDisposeFlushTimedOut(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending {Count} impressions failed; keeping them for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, int count, Exception exception);
}
