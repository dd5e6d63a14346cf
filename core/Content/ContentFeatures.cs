using System.Globalization;
using System.Numerics.Tensors;
using Tailor.Catalog;

namespace Tailor.Content;

/// <summary>
/// Describes catalog items by their content, in blocks that are each scaled to unit length, weighted
/// (<see cref="ContentSettings"/>) and concatenated; the whole row is then scaled to unit length:
/// <list type="bullet">
/// <item>categories: one feature per category of the catalog (case-insensitive);</item>
/// <item>tags: one feature per tag among the <see cref="ContentSettings.MaxTags"/> most frequent;</item>
/// <item>numeric attributes: standardized over the items that have them (z-scores clipped to ±3; missing is 0);</item>
/// <item>title words: a hashed bag of words (lower case, words of digits only skipped);</item>
/// <item>optionally, the sentence embedding of title, tags and description.</item>
/// </list>
/// The vocabulary is learned from the items given, so warm and cold items must be described in one call.
/// </summary>
public static class ContentFeatures
{
    public static ContentMatrix Describe(
        IReadOnlyList<CatalogItem> items, ContentSettings settings, ITextEmbedder? embedder = null, CancellationToken cancellationToken = default)
    {
        var categories = Vocabulary(items, i => i.Categories, int.MaxValue);
        var tags = Vocabulary(items, i => i.Tags, settings.MaxTags);
        var attributes = AttributeScales(items);
        var embedding = settings.UseEmbedding && embedder is not null ? embedder.Embed([.. items.Select(Text)], cancellationToken) : null;
        var embeddingDim = embedding is null ? 0 : embedder!.Dimension;

        int categoryAt = 0, tagAt = categories.Count, attributeAt = tagAt + tags.Count, titleAt = attributeAt + attributes.Count;
        var embeddingAt = titleAt + settings.TitleBuckets;
        var dimension = embeddingAt + embeddingDim;
        var values = new float[items.Count * dimension];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var row = values.AsSpan(i * dimension, dimension);
            Indicators(item.Categories, categories, row.Slice(categoryAt, categories.Count), settings.CategoryWeight);
            Indicators(item.Tags, tags, row.Slice(tagAt, tags.Count), settings.TagWeight);
            Attributes(item, attributes, row.Slice(attributeAt, attributes.Count), settings.AttributeWeight);
            TitleWords(item.Title, row.Slice(titleAt, settings.TitleBuckets), settings.TitleWeight);
            if (embedding is not null)
            {
                Scaled(embedding[i], row.Slice(embeddingAt, embeddingDim), settings.EmbeddingWeight);
            }

            Normalize(row, 1f);
        }

        return new ContentMatrix(items.Count, dimension, values);
    }

    /// <summary>The text the sentence embedding reads: title, tags and description.</summary>
    public static string Text(CatalogItem item)
    {
        var parts = new List<string>(3);
        if (!string.IsNullOrWhiteSpace(item.Title))
        {
            parts.Add(item.Title);
        }

        if (item.Tags.Count > 0)
        {
            parts.Add(string.Join(", ", item.Tags));
        }

        if (!string.IsNullOrWhiteSpace(item.Description))
        {
            parts.Add(item.Description);
        }

        return string.Join(". ", parts);
    }

    private static Dictionary<string, int> Vocabulary(IReadOnlyList<CatalogItem> items, Func<CatalogItem, IReadOnlyList<string>> terms, int limit)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            foreach (var term in terms(item))
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }

        var kept = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Take(limit);
        var vocabulary = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (term, _) in kept)
        {
            vocabulary[term] = vocabulary.Count;
        }

        return vocabulary;
    }

    private static Dictionary<string, (int Index, double Mean, double Scale)> AttributeScales(IReadOnlyList<CatalogItem> items)
    {
        var sums = new SortedDictionary<string, (double Sum, double Squares, int Count)>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            foreach (var (name, value) in item.Attributes)
            {
                if (double.IsFinite(value))
                {
                    var (sum, squares, count) = sums.GetValueOrDefault(name);
                    sums[name] = (sum + value, squares + (value * value), count + 1);
                }
            }
        }

        var scales = new Dictionary<string, (int Index, double Mean, double Scale)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, (sum, squares, count)) in sums)
        {
            var mean = sum / count;
            var variance = Math.Max(0, (squares / count) - (mean * mean));
            if (variance > 0)
            {
                scales[name] = (scales.Count, mean, 1 / Math.Sqrt(variance));
            }
        }

        return scales;
    }

    private static void Indicators(IReadOnlyList<string> terms, Dictionary<string, int> vocabulary, Span<float> block, float weight)
    {
        foreach (var term in terms)
        {
            if (vocabulary.TryGetValue(term, out var index))
            {
                block[index] = 1f;
            }
        }

        Normalize(block, weight);
    }

    private static void Attributes(CatalogItem item, Dictionary<string, (int Index, double Mean, double Scale)> scales, Span<float> block, float weight)
    {
        foreach (var (name, value) in item.Attributes)
        {
            if (double.IsFinite(value) && scales.TryGetValue(name, out var scale))
            {
                block[scale.Index] = (float)Math.Clamp((value - scale.Mean) * scale.Scale, -3, 3);
            }
        }

        // Not scaled to unit length: an attribute's magnitude is its information. √(count) keeps the block near 1.
        if (block.Length > 0)
        {
            TensorPrimitives.Multiply(block, weight / MathF.Sqrt(block.Length), block);
        }
    }

    private static void TitleWords(string? title, Span<float> block, float weight)
    {
        if (string.IsNullOrEmpty(title) || block.Length == 0)
        {
            return;
        }

        var text = title.AsSpan();
        var start = -1;
        for (var c = 0; c <= text.Length; c++)
        {
            var inWord = c < text.Length && char.IsLetterOrDigit(text[c]);
            if (inWord && start < 0)
            {
                start = c;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..c];
                if (!IsDigits(word))
                {
                    block[(int)(Hash(word) % (uint)block.Length)] += 1f;
                }

                start = -1;
            }
        }

        Normalize(block, weight);
    }

    private static bool IsDigits(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>FNV-1a over the lower-cased word: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint Hash(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ char.ToLower(c, CultureInfo.InvariantCulture)) * 16777619u;
        }

        return hash;
    }

    private static void Scaled(ReadOnlySpan<float> vector, Span<float> block, float weight)
    {
        vector[..Math.Min(vector.Length, block.Length)].CopyTo(block);
        Normalize(block, weight);
    }

    private static void Normalize(Span<float> block, float length)
    {
        var norm = TensorPrimitives.Norm(block);
        if (norm > 0)
        {
            TensorPrimitives.Multiply(block, length / norm, block);
        }
    }
}
