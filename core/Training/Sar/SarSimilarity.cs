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
}
