namespace Tailor.Training;

/// <summary>
/// How an algorithm turns the interaction weights it is given (summed event confidences, e.g. ratings
/// or view/purchase weights under the ingestion rules) into the values it learns from.
/// </summary>
public enum WeightScale
{
    /// <summary>Every stored interaction counts 1, whatever its weight (the default for EASE and SAR:
    /// on rating data "rated at all" predicts held-out interactions better than the rating value).</summary>
    Binary = 0,

    /// <summary>The weight as it is.</summary>
    Raw = 1,

    /// <summary><c>1 + ln(1 + w)</c>: grows with repeated or stronger events, but slowly, so one heavy
    /// user-item pair cannot dominate.</summary>
    Log = 2,
}
