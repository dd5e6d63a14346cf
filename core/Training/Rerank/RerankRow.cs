namespace Tailor.Training.Rerank;

/// <summary>One (user, candidate item) example for the LightGBM ranker.</summary>
internal sealed class RerankRow
{
    public float Label { get; set; }

    public uint Group { get; set; }

    public float[] Features { get; set; } = [];
}

/// <summary>The ranker's output for one row.</summary>
internal sealed class RerankScore
{
    public float Score { get; set; }
}
