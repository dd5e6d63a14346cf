namespace Tailor.Tests.Evaluation.Tuning;

/// <summary>A clock that moves forward by a fixed step every time it is read, so "time spent" is a count
/// of reads (deterministic budgets in tests).</summary>
internal sealed class SteppingTimeProvider(TimeSpan step) : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks) - step.Ticks;
}
