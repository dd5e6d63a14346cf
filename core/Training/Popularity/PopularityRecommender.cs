namespace Tailor.Training.Popularity;

/// <summary>Scores every item by its (optionally time-decayed) popularity, the same for every user.
/// The baseline every candidate must beat, and the fallback for users the model does not know.</summary>
public sealed class PopularityRecommender(float[] popularity) : IRecommender
{
    public const string Name = "popularity";

    public string Algorithm => Name;

    public int ItemCount => popularity.Length;

    public ReadOnlySpan<float> Popularity => popularity;

    public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores) =>
        popularity.AsSpan().CopyTo(scores);

    public void Write(BinaryWriter writer)
    {
        writer.Write(popularity.Length);
        foreach (var p in popularity)
        {
            writer.Write(p);
        }
    }

    public static PopularityRecommender Read(BinaryReader reader)
    {
        var n = reader.ReadInt32();
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return new PopularityRecommender(values);
    }
}
