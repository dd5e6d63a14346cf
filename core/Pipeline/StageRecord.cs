namespace Tailor.Pipeline;

/// <summary>
/// The small JSON record a stage writes in its run's folder after all of its outputs (<see cref="RunBlobs.StageRecord"/>):
/// which stage, for which inputs (a fingerprint of the input record), when, and the result it returned. Its
/// presence means the outputs are complete, so a retried or resumed activity returns <see cref="Result"/> instead
/// of doing the work again.
/// </summary>
public sealed record StageRecord<TResult>(string Stage, string RunId, string Inputs, DateTimeOffset CompletedAt, TResult Result);
