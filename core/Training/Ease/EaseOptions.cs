namespace Tailor.Training.Ease;

/// <summary>Settings of <see cref="EaseTrainer"/>.</summary>
/// <param name="Lambda">L2 regularisation λ added to the Gram matrix's diagonal. Grows with the data:
/// around 200–500 suits ~1k users × ~1.7k items; the tuner searches it on a log grid.</param>
/// <param name="Input">How interaction weights enter XᵀX and the user's history at scoring time.</param>
/// <param name="MaxItems">Catalogs larger than this are refused: the model is a dense items × items
/// matrix (4·n² bytes, 1.6 GB at 20k items) and training costs O(n³).</param>
/// <param name="Dropout">Emphasised-denoising regularisation (Steck, 2020, EDLAE): adds
/// <c>p / (1 − p) · G[i,i]</c> to each diagonal entry on top of λ, so popular items are regularised more.
/// 0 is plain EASE^R.</param>
public sealed record EaseOptions(float Lambda = 300f, WeightScale Input = WeightScale.Binary, int MaxItems = 20_000, float Dropout = 0f);
