using Tailor.Catalog;
using Tailor.Snapshot;

namespace Tailor.Profiles;

public static partial class ProfileBuilder
{
    /// <summary>The detail columns in profile row order (<paramref name="order"/>: row → snapshot user).</summary>
    private static ProfileDetails BuildDetails(InteractionSnapshot snapshot, ItemCatalog catalog, int[] order)
    {
        var n = order.Length;
        var activity = snapshot.Activity;
        var types = activity?.EventTypes ?? [];
        var t = types.Length;
        var typeCounts = new int[n * t];
        var activeDays = new int[n];
        var hours = new int[n * UserActivity.Hours];
        var weekdays = new int[n * UserActivity.Weekdays];
        var meanRatings = new float[n];
        long asOf = 0;
        for (var row = 0; row < n; row++)
        {
            var u = order[row];
            asOf = Math.Max(asOf, snapshot.UserLastSeen[u]);
            meanRatings[row] = float.NaN;
            if (activity is null)
            {
                continue;
            }

            activity.TypeCounts.AsSpan(u * t, t).CopyTo(typeCounts.AsSpan(row * t));
            activity.HourCounts.AsSpan(u * UserActivity.Hours, UserActivity.Hours).CopyTo(hours.AsSpan(row * UserActivity.Hours));
            activity.WeekdayCounts.AsSpan(u * UserActivity.Weekdays, UserActivity.Weekdays).CopyTo(weekdays.AsSpan(row * UserActivity.Weekdays));
            activeDays[row] = activity.ActiveDays[u];
            if (activity.RatingCounts[u] > 0)
            {
                meanRatings[row] = (float)(activity.RatingSums[u] / activity.RatingCounts[u]);
            }
        }

        var (categories, itemOffsets, itemCategories) = ItemCategories(snapshot.ItemIds, catalog);
        var offsets = new int[n + 1];
        var top = new List<int>(n);
        var shares = new List<float>(n);
        var entropy = new float[n];
        var mass = new double[categories.Length];
        var touched = new List<int>();
        for (var row = 0; row < n; row++)
        {
            var u = order[row];
            var total = 0d;
            foreach (var part in (ReadOnlySpan<Interactions.InteractionMatrix>)[snapshot.Train, snapshot.Holdout])
            {
                var items = part.ItemsOf(u);
                var weights = part.WeightsOf(u);
                for (var k = 0; k < items.Length; k++)
                {
                    var item = items[k];
                    var start = itemOffsets[item];
                    var count = itemOffsets[item + 1] - start;
                    if (count == 0 || !float.IsFinite(weights[k]))
                    {
                        continue;
                    }

                    var each = weights[k] / (double)count;
                    for (var c = start; c < start + count; c++)
                    {
                        var category = itemCategories[c];
                        if (mass[category] == 0)
                        {
                            touched.Add(category);
                        }

                        mass[category] += each;
                    }

                    total += weights[k];
                }
            }

            if (total > 0)
            {
                var h = 0d;
                foreach (var category in touched)
                {
                    var p = mass[category] / total;
                    h -= p * Math.Log2(p);
                }

                entropy[row] = (float)Math.Max(0, h);
                touched.Sort((a, b) => mass[b].CompareTo(mass[a]) is var byMass and not 0 ? byMass : a.CompareTo(b));
                for (var k = 0; k < Math.Min(ProfileDetails.TopCategoryCount, touched.Count); k++)
                {
                    top.Add(touched[k]);
                    shares.Add((float)(mass[touched[k]] / total));
                }
            }

            foreach (var category in touched)
            {
                mass[category] = 0;
            }

            touched.Clear();
            offsets[row + 1] = top.Count;
        }

        return new ProfileDetails(
            asOf, types, typeCounts, activeDays, hours, weekdays, meanRatings, categories, offsets, [.. top], [.. shares], entropy);
    }

    /// <summary>Each snapshot item's categories as indices (CSR: <c>offsets</c> over item indices) into the catalog's
    /// category names (case-insensitive, as first spelled, sorted ordinal for a stable order).</summary>
    private static (string[] Categories, int[] Offsets, int[] ItemCategories) ItemCategories(string[] itemIds, ItemCatalog catalog)
    {
        var names = catalog.Items.SelectMany(i => i.Categories).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(names.Length, StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < names.Length; c++)
        {
            index.TryAdd(names[c], c);
        }

        var offsets = new int[itemIds.Length + 1];
        var flat = new List<int>();
        for (var i = 0; i < itemIds.Length; i++)
        {
            if (catalog.TryGet(itemIds[i], out var item))
            {
                foreach (var category in item.Categories)
                {
                    var c = index[category];
                    if (!flat.Skip(offsets[i]).Contains(c))
                    {
                        flat.Add(c);
                    }
                }
            }

            offsets[i + 1] = flat.Count;
        }

        return (names, offsets, [.. flat]);
    }
}
