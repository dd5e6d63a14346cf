namespace Tailor.Training.Sar;

/// <summary>Settings of <see cref="SarTrainer"/>.</summary>
/// <param name="Similarity">Similarity of two items from their co-occurrence counts.</param>
/// <param name="Neighbours">Most similar items kept per item (sparse model; 0 keeps all).</param>
/// <param name="Input">How the user's history weights become affinities at scoring time
/// (co-occurrence itself always counts users, i.e. is binary).</param>
/// <param name="Beta">Popularity penalty exponent of <see cref="SarSimilarity.Rp3Beta"/> (ignored otherwise).</param>
public sealed record SarOptions(SarSimilarity Similarity = SarSimilarity.Jaccard, int Neighbours = 200, WeightScale Input = WeightScale.Binary, float Beta = 0.5f);
