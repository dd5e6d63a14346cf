using Tailor.Interactions;

namespace Tailor.Snapshot;

/// <summary>
/// What one group of processed batches contributes to a snapshot, before the holdout split: the group's own user
/// and item ids (in first-seen order), its (user, item) partial weight sums (<c>Interactions</c>, rows and columns in
/// those orders) with the Unix milliseconds of the latest event behind each entry (<c>Times</c>), and the users'
/// activity counted over the group; <c>ActiveDays</c> holds the distinct (user, UTC day) pairs as
/// <c>user &lt;&lt; 32 | day</c>, ascending, so that days seen by two groups count once.
/// <see cref="SnapshotBuilder.Add(SnapshotShard)"/> merges shards in batch order into the same snapshot one builder
/// reading every batch would make.
/// </summary>
public sealed record SnapshotShard(
    int Batches,
    long Events,
    string[] UserIds,
    string[] ItemIds,
    InteractionMatrix Interactions,
    long[] Times,
    long[] UserFirstSeen,
    long[] UserLastSeen,
    int[] UserEventCounts,
    UserActivity Activity,
    long[] ActiveDays);
