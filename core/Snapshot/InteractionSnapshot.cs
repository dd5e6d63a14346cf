using Tailor.Interactions;

namespace Tailor.Snapshot;

/// <summary>
/// Everything a training run reads: external ids, the training part and the holdout part of the
/// interactions (same user and item indices), when each user was first and last active, and how many events each sent
/// (and, in snapshots taken since format 3, <see cref="Activity"/>: per event type, hour, weekday, active days, ratings).
/// <paramref name="TrainTimes"/> and <paramref name="HoldoutTimes"/> hold, aligned with each matrix's entries, the
/// Unix milliseconds of the latest event behind each interaction (null in snapshots written before event time was kept).
/// </summary>
public sealed record InteractionSnapshot(
    string[] UserIds,
    string[] ItemIds,
    InteractionMatrix Train,
    InteractionMatrix Holdout,
    long[] UserFirstSeen,
    long[] UserLastSeen,
    int[] UserEventCounts,
    int Batches,
    long[]? TrainTimes = null,
    long[]? HoldoutTimes = null)
{
    /// <summary>Per-user activity shape; null in a snapshot written before format version 3.</summary>
    public UserActivity? Activity { get; init; }

    /// <summary>Whether every interaction carries its time.</summary>
    public bool HasTimes => TrainTimes is not null && HoldoutTimes is not null;

    /// <summary>The latest event time in the snapshot (Unix ms): what recency is measured back from; null without times.</summary>
    public long? LatestTime
    {
        get
        {
            if (!HasTimes || TrainTimes!.Length + HoldoutTimes!.Length == 0)
            {
                return null;
            }

            var latest = long.MinValue;
            foreach (var t in TrainTimes)
            {
                latest = Math.Max(latest, t);
            }

            foreach (var t in HoldoutTimes)
            {
                latest = Math.Max(latest, t);
            }

            return latest;
        }
    }

    /// <summary>Train and holdout together: what the promoted model is refitted on.</summary>
    public InteractionMatrix All() => AllWithTimes().Matrix;

    /// <summary>Train and holdout together with the time of each entry (null when the snapshot has none). The two
    /// parts never share a (user, item) cell, so each row is a merge of two ascending rows.</summary>
    public (InteractionMatrix Matrix, long[]? Times) AllWithTimes()
    {
        var n = Train.NonZeroCount + Holdout.NonZeroCount;
        var offsets = new int[Train.UserCount + 1];
        var columns = new int[n];
        var values = new float[n];
        var times = HasTimes ? new long[n] : null;
        var at = 0;
        for (var u = 0; u < Train.UserCount; u++)
        {
            int a = Train.RowOffsets[u], aEnd = Train.RowOffsets[u + 1];
            int b = Holdout.RowOffsets[u], bEnd = Holdout.RowOffsets[u + 1];
            while (a < aEnd || b < bEnd)
            {
                var fromTrain = b >= bEnd || (a < aEnd && Train.Columns[a] < Holdout.Columns[b]);
                var (part, k, partTimes) = fromTrain ? (Train, a++, TrainTimes) : (Holdout, b++, HoldoutTimes);
                columns[at] = part.Columns[k];
                values[at] = part.Values[k];
                if (times is not null)
                {
                    times[at] = partTimes![k];
                }

                at++;
            }

            offsets[u + 1] = at;
        }

        return (new InteractionMatrix(Train.UserCount, Train.ItemCount, offsets, columns, values), times);
    }
}
