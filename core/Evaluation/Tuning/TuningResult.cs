using Tailor.Training;

namespace Tailor.Evaluation.Tuning;

/// <summary>What <see cref="AutoTuner"/> chose: the trainer with its parameters (as fitted on all training
/// data), the fitted model, and every validation trial.</summary>
/// <param name="Chosen">The winning trial (its validation metrics and parameters).</param>
/// <param name="Trainer">The trainer refitted on all training data (parameters may be rescaled for the
/// larger data, see <see cref="FinalParameters"/>).</param>
/// <param name="Model">The model fitted on all training data.</param>
/// <param name="FinalParameters">Parameters of the final fit as strings.</param>
/// <param name="Trials">Every trial in the order run.</param>
/// <param name="TuningSeconds">Time spent on validation trials.</param>
/// <param name="FitSeconds">Time of the final fit.</param>
public sealed record TuningResult(
    TuningTrial Chosen,
    IRecommenderTrainer Trainer,
    IRecommender Model,
    IReadOnlyDictionary<string, string> FinalParameters,
    IReadOnlyList<TuningTrial> Trials,
    double TuningSeconds,
    double FitSeconds)
{
    /// <summary>The recency decay the model was fitted with (null: off); apply it to any matrix refitted with
    /// <see cref="Trainer"/>, and to the history served with the model.</summary>
    public RecencyWeighting? Recency { get; init; }
}
