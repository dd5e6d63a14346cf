namespace Tailor.Training.Sar;

/// <summary>How SAR turns co-occurrence counts c(i, j) (users who have both items) into similarity.</summary>
public enum SarSimilarity
{
    /// <summary>c(i,j) / (c(i,i) + c(j,j) − c(i,j)).</summary>
    Jaccard = 0,

    /// <summary>c(i,j) / √(c(i,i) · c(j,j)).</summary>
    Cosine = 1,

    /// <summary>c(i,j) / (c(i,i) · c(j,j)): favours rare, specific pairs.</summary>
    Lift = 2,

    /// <summary>c(i,j) itself: favours popular pairs.</summary>
    Cooccurrence = 3,

    /// <summary>RP3β (Paudel et al., 2017): the probability of a three-step random walk item → user → item,
    /// Σ over users u of both of (1/|i|)·(1/|u|), divided by |j|^β to demote popular targets. Not symmetric.</summary>
    Rp3Beta = 4,
}
