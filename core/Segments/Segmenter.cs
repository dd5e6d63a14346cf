using System.Diagnostics;
using Tailor.Profiles;
using Tailor.Snapshot;

namespace Tailor.Segments;

/// <summary>
/// Segments a run's users: features from their profiles (<see cref="SegmentFeatures"/>) and, when the trained model
/// has them, the users' latent factors reduced to a few principal directions, KMeans with k chosen by
/// the Davies–Bouldin index (<see cref="SegmentClustering"/>), then each segment described (<see cref="SegmentSummary"/>)
/// with its popular items counted over the snapshot's interactions. Segments are numbered by size, largest first
/// (<c>s1</c>, <c>s2</c>, …). Deterministic for the profiles, snapshot and seed.
/// </summary>
public static class Segmenter
{
    private static readonly string[] s_peaks = ["nights", "mornings", "afternoons", "evenings"];

    /// <summary>The profiles with their segment column, and the segments; null segments (and the profiles as they
    /// were) when segmentation is off or there are too few users. <paramref name="factors"/>: the model's users'
    /// latent factors, or null when it has none.</summary>
    public static (ProfileSet Profiles, SegmentSet? Segments) Segment(
        ProfileSet profiles, InteractionSnapshot snapshot, SegmentOptions options, UserFactors? factors = null, CancellationToken cancellationToken = default)
    {
        if (!options.Enabled || profiles.Count < Math.Max(options.MinUsers, options.MinK + 1))
        {
            return (profiles, null);
        }

        var watch = Stopwatch.StartNew();
        var features = SegmentFeatures.From(profiles);
        if (factors is not null && options.FactorDimensions > 0)
        {
            features = features.WithUserFactors(factors, profiles.UserIds, options.FactorDimensions, options.Seed);
        }
        var clustering = SegmentClustering.Cluster(features, options, cancellationToken);

        // Largest first; ties by the cluster's index, so the numbering is as deterministic as the clustering.
        var sizes = new int[clustering.K];
        foreach (var c in clustering.Assignments)
        {
            sizes[c]++;
        }

        var bySize = Enumerable.Range(0, clustering.K).Where(c => sizes[c] > 0).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
        var rank = new int[clustering.K];
        Array.Fill(rank, -1);
        for (var r = 0; r < bySize.Length; r++)
        {
            rank[bySize[r]] = r;
        }

        var membership = new int[profiles.Count];
        for (var u = 0; u < membership.Length; u++)
        {
            membership[u] = rank[clustering.Assignments[u]];
        }

        var segmented = profiles.WithSegments(membership);
        var summaries = Describe(segmented, snapshot, bySize.Length, options.PopularItems);
        var set = new SegmentSet(
            bySize.Length, SegmentSet.DaviesBouldin, clustering.Scores, profiles.Count, clustering.SampleRows, options.Seed,
            features.Names, Math.Round(watch.Elapsed.TotalSeconds, 3), summaries);
        return (segmented, set);
    }

    private static SegmentSummary[] Describe(ProfileSet profiles, InteractionSnapshot snapshot, int k, int popularCount)
    {
        var n = profiles.Count;
        var d = profiles.Details;
        var users = new int[k];
        var events = new double[k];
        var distinct = new double[k];
        var perDay = new double[k];
        var tenure = new double[k];
        var recency = new double[k];
        var hours = new double[k * 4];
        var weekend = new double[k];
        var totalHours = new double[k];
        var categoryMass = new Dictionary<int, double>[k];
        for (var s = 0; s < k; s++)
        {
            categoryMass[s] = [];
        }

        double allEvents = 0;
        for (var u = 0; u < n; u++)
        {
            var s = profiles.SegmentAt(u);
            users[s]++;
            events[s] += profiles.Interactions[u];
            allEvents += profiles.Interactions[u];
            distinct[s] += profiles.DistinctItems[u];
            tenure[s] += (profiles.LastSeen[u] - profiles.FirstSeen[u]) / 86_400d;
            if (d is null)
            {
                continue;
            }

            recency[s] += Math.Max(0, d.AsOf - profiles.LastSeen[u]) / 86_400d;
            perDay[s] += d.ActiveDays[u] == 0 ? 0 : profiles.Interactions[u] / (double)d.ActiveDays[u];
            for (var h = 0; h < 24; h++)
            {
                hours[(s * 4) + (h / 6)] += d.HourCounts[(u * 24) + h];
                totalHours[s] += d.HourCounts[(u * 24) + h];
            }

            weekend[s] += d.WeekdayCounts[u * 7] + d.WeekdayCounts[(u * 7) + 6];
            for (var c = d.CategoryOffsets[u]; c < d.CategoryOffsets[u + 1]; c++)
            {
                var mass = categoryMass[s];
                mass[d.TopCategories[c]] = mass.GetValueOrDefault(d.TopCategories[c]) + d.CategoryShares[c];
            }
        }

        var popular = PopularItems(profiles, snapshot, k, popularCount);
        var summaries = new SegmentSummary[k];
        for (var s = 0; s < k; s++)
        {
            var size = Math.Max(1, users[s]);
            var categories = categoryMass[s]
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(3)
                .Select(p => (d!.Categories[p.Key], Math.Round(p.Value / size, 4))).ToArray();
            var peak = "";
            if (totalHours[s] > 0)
            {
                var top = 0;
                for (var b = 1; b < 4; b++)
                {
                    top = hours[(s * 4) + b] > hours[(s * 4) + top] ? b : top;
                }

                peak = hours[(s * 4) + top] / totalHours[s] >= 0.4 ? s_peaks[top] : "";
            }

            var weekendShare = totalHours[s] > 0 ? Math.Round(weekend[s] / totalHours[s], 4) : 0;
            var label = SegmentLabel.For(events[s] / size, n == 0 ? 0 : allEvents / n, categories, peak, weekendShare);
            summaries[s] = new SegmentSummary(
                "s" + (s + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), label, users[s],
                Math.Round(users[s] / (double)Math.Max(1, n), 4), Math.Round(events[s] / size, 2), Math.Round(distinct[s] / size, 2),
                Math.Round(perDay[s] / size, 2), Math.Round(tenure[s] / size, 2), Math.Round(recency[s] / size, 2),
                [.. categories.Select(c => new CategoryShare(c.Item1, c.Item2))], peak, weekendShare,
                [.. popular[s].Select(p => new SegmentItem(snapshot.ItemIds[p.Item], p.Users, Math.Round(p.Users / (double)size, 4)))]);
        }

        return summaries;
    }

    /// <summary>Per segment, the items most of its users interacted with (train and holdout), most first, ties by item id.</summary>
    private static List<(int Item, int Users)>[] PopularItems(ProfileSet profiles, InteractionSnapshot snapshot, int k, int count)
    {
        var rowOf = new Dictionary<string, int>(profiles.Count, StringComparer.Ordinal);
        for (var u = 0; u < profiles.Count; u++)
        {
            rowOf[profiles.UserIds[u]] = u;
        }

        var items = snapshot.ItemIds.Length;
        var counts = new int[k * items];
        for (var u = 0; u < snapshot.UserIds.Length; u++)
        {
            var s = rowOf.TryGetValue(snapshot.UserIds[u], out var row) ? profiles.SegmentAt(row) : -1;
            if (s < 0)
            {
                continue;
            }

            foreach (var item in snapshot.Train.ItemsOf(u))
            {
                counts[(s * items) + item]++;
            }

            foreach (var item in snapshot.Holdout.ItemsOf(u))
            {
                counts[(s * items) + item]++;
            }
        }

        var result = new List<(int, int)>[k];
        for (var s = 0; s < k; s++)
        {
            var offset = s * items;
            result[s] = [.. Enumerable.Range(0, items).Where(i => counts[offset + i] > 0)
                .OrderByDescending(i => counts[offset + i]).ThenBy(i => snapshot.ItemIds[i], StringComparer.Ordinal)
                .Take(count).Select(i => (i, counts[offset + i]))];
        }

        return result;
    }
}
