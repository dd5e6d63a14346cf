using Tailor.Interactions;

namespace Tailor.Tests.Evaluation;

internal static class TestMatrices
{
    /// <summary>A binary matrix whose row u holds <paramref name="rows"/>[u].</summary>
    public static InteractionMatrix FromRows(int itemCount, int[][] rows)
    {
        var triples = new List<(int, int, float)>();
        for (var u = 0; u < rows.Length; u++)
        {
            foreach (var i in rows[u])
            {
                triples.Add((u, i, 1f));
            }
        }

        return InteractionMatrix.FromTriples(rows.Length, itemCount, triples.ToArray());
    }
}
