namespace Tailor.Privacy;

/// <summary>What one run of the <see cref="ErasureWorker"/> did.</summary>
/// <param name="Users">Open erasures it worked on.</param>
/// <param name="Completed">Erasures it finished (every place clean, a model without them serving).</param>
/// <param name="NeedsModel">True when the serving model may still hold some of the users: a training run
/// (promoted by the erasure rule) must make one without them before the derived places are cleaned.</param>
/// <param name="Urgent">Some open erasure is past half of <see cref="PrivacyOptions.ErasureMinutes"/>: train now, not debounced.</param>
/// <param name="Overdue">Some open erasure is past <see cref="PrivacyOptions.ErasureMinutes"/>.</param>
/// <param name="Places">What each place removed in this pass.</param>
/// <param name="Seconds">How long the pass took.</param>
public sealed record ErasurePass(int Users, int Completed, bool NeedsModel, bool Urgent, bool Overdue, IReadOnlyList<PlaceErasure> Places, double Seconds)
{
    public static ErasurePass Idle { get; } = new(0, 0, false, false, false, [], 0);

    /// <summary>Why training is asked for, as the run and the promoted version's reason record it.</summary>
    public string TrainingReason => $"erasure of {Users} users";

    public long BytesRead => Places.Sum(p => p.BytesRead);

    public long BytesWritten => Places.Sum(p => p.BytesWritten);

    public long BytesDeleted => Places.Sum(p => p.BytesDeleted);
}
