using System.Diagnostics;
using Tailor.Evaluation;
using Tailor.Training.Blend;
using Tailor.Training.Ease;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;
using Tailor.Training.Rerank;
using Tailor.Training.Sar;

namespace Tailor.Training.Tuning;

public sealed partial class AutoTuner
{
    /// <summary>The state of one tuning run: trials so far and the best fitted model per algorithm.</summary>
    private sealed class Search(AutoTuner tuner, DataSplit split, long started, CancellationToken cancellationToken)
    {
        private readonly List<TuningTrial> _trials = [];
        private readonly List<TrainerCandidate> _candidates = [];
        private readonly List<double[]?> _perUserNdcg = [];
        private readonly int[] _users = SampleUsers(Evaluator.TestUsers(split.Train, split.Test), tuner._options);
        private readonly Dictionary<string, (TrainerCandidate Candidate, double Ndcg, IRecommender Model, double Seconds)> _bestPerAlgorithm = [];
        private bool _stopped;

        private TrainingOptions Options => tuner._options;

        /// <summary>At most <see cref="TrainingOptions.MaxValidationUsers"/> users, a seeded uniform sample in ascending order.</summary>
        private static int[] SampleUsers(int[] users, TrainingOptions options)
        {
            if (users.Length <= options.MaxValidationUsers)
            {
                return users;
            }

            var sample = (int[])users.Clone();
            new Random(options.Seed).Shuffle(sample);
            var kept = sample[..options.MaxValidationUsers];
            Array.Sort(kept);
            return kept;
        }

        public IReadOnlyList<TuningTrial> Trials => _trials;

        public void Run()
        {
            // Baselines and defaults first, so a small budget still compares every enabled algorithm.
            if (Options.Enables(PopularityRecommender.Name))
            {
                Try(TrainerCandidate.Popularity());
            }

            var easeStart = Options.Enables(EaseRecommender.Name) && EaseFitsTheBudget() ? TryEase(DefaultLambda) : null;
            if (Options.Enables(SarRecommender.Name))
            {
                Try(TrainerCandidate.Sar(SarSimilarity.Jaccard, 200, WeightScale.Binary));
            }

            var ialsStart = Options.Enables(IalsRecommender.Name) ? TryIals(DefaultIals) : null;

            if (easeStart is not null)
            {
                SearchEaseLambda(easeStart.Value);
            }

            if (ialsStart is not null)
            {
                SearchIals(ialsStart.Value);
            }

            if (Options.Enables(SarRecommender.Name))
            {
                SearchSar();
            }

            if (Options.Enables(BlendRecommender.Name))
            {
                SearchBlends();
            }

            if (Options.Enables(RerankRecommender.Name))
            {
                SearchRerank();
            }
        }

        /// <summary>Drops the fitted validation models so the final fit does not share memory with them.</summary>
        public void ReleaseModels() => _bestPerAlgorithm.Clear();

        /// <summary>
        /// The best single-algorithm trial by validation NDCG, unless a combination (blend or re-ranker) beats it by more than one
        /// standard error of the per-user paired difference: a combination is kept only where validation shows it helps.
        /// </summary>
        public (TuningTrial Trial, TrainerCandidate Candidate) Best()
        {
            var single = BestIndex(combined: false);
            if (single < 0)
            {
                var any = BestIndex(combined: true);
                if (any < 0)
                {
                    // Nothing ran (zero budget or every trainer refused): fall back to the popularity baseline.
                    var fallback = TrainerCandidate.Popularity();
                    var trial = new TuningTrial(fallback.Algorithm, fallback.Parameters, null, 0, "No trial completed within the budget; popularity baseline.");
                    return (trial, fallback);
                }

                return (_trials[any], _candidates[any]);
            }

            // Combinations (blends, re-rankers) from the best down; the first clearly better one wins.
            var combinations = Enumerable.Range(0, _trials.Count)
                .Where(t => _trials[t].Validation is not null && IsCombination(_trials[t]))
                .OrderByDescending(t => _trials[t].Validation!.Ndcg)
                .ThenBy(t => t);
            foreach (var combination in combinations)
            {
                if (_trials[combination].Validation!.Ndcg <= _trials[single].Validation!.Ndcg)
                {
                    break;
                }

                if (ClearlyBetter(combination, single))
                {
                    return (_trials[combination], _candidates[combination]);
                }
            }

            return (_trials[single], _candidates[single]);
        }

        private static bool IsCombination(TuningTrial trial) =>
            trial.Algorithm is BlendRecommender.Name or RerankRecommender.Name;

        private int BestIndex(bool combined)
        {
            var best = -1;
            for (var t = 0; t < _trials.Count; t++)
            {
                if (_trials[t].Validation is { } m && IsCombination(_trials[t]) == combined
                    && (best < 0 || m.Ndcg > _trials[best].Validation!.Ndcg))
                {
                    best = t;
                }
            }

            return best;
        }

        private bool ClearlyBetter(int challenger, int incumbent)
        {
            var a = _perUserNdcg[challenger]!;
            var b = _perUserNdcg[incumbent]!;
            if (a.Length < 2)
            {
                return false;
            }

            double sum = 0, sumSquares = 0;
            for (var u = 0; u < a.Length; u++)
            {
                var d = a[u] - b[u];
                sum += d;
                sumSquares += d * d;
            }

            var mean = sum / a.Length;
            var variance = Math.Max(0, (sumSquares / a.Length) - (mean * mean)) * a.Length / (a.Length - 1);
            return mean > Math.Sqrt(variance / a.Length);
        }

        private const float DefaultLambda = 250f;

        /// <summary>EASE costs O(n³): when even one fit would overrun what is left of the budget, record why and skip it.</summary>
        private bool EaseFitsTheBudget()
        {
            if (BudgetSpent())
            {
                return false;
            }

            var estimate = EaseTrainer.EstimateFitSeconds(split.Train.ItemCount);
            var left = Options.BudgetSeconds - tuner._time.GetElapsedTime(started).TotalSeconds;
            if (estimate <= left)
            {
                return true;
            }

            var candidate = TrainerCandidate.Ease(DefaultLambda, 0f, WeightScale.Binary, Options.MaxEaseItems);
            var note = string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Skipped: one EASE fit on {split.Train.ItemCount} items is estimated at {estimate:F0} s, more than the {Math.Max(left, 0):F0} s left of the tuning budget.");
            _trials.Add(new TuningTrial(candidate.Algorithm, candidate.Parameters, null, 0, note));
            _candidates.Add(candidate);
            _perUserNdcg.Add(null);
            LogRefused(tuner._logger, candidate.Describe(), note);
            return false;
        }

        private double? TryEase(float lambda, float dropout = 0f) =>
            Try(TrainerCandidate.Ease(lambda, dropout, WeightScale.Binary, Options.MaxEaseItems));

        /// <summary>Hill-climbs λ on a log grid (factor 2), then refines by √2 around the best.</summary>
        private void SearchEaseLambda(double startNdcg)
        {
            var best = (Lambda: DefaultLambda, Ndcg: startNdcg);
            foreach (var factor in new[] { 2f, 0.5f })
            {
                var lambda = best.Lambda;
                var improvedThisWay = false;
                for (var step = 0; step < 8; step++)
                {
                    lambda *= factor;
                    if (lambda is < 1f or > 1e6f || TryEase(lambda) is not { } ndcg)
                    {
                        break;
                    }

                    if (ndcg <= best.Ndcg)
                    {
                        break;
                    }

                    best = (lambda, ndcg);
                    improvedThisWay = true;
                }

                if (improvedThisWay)
                {
                    break; // the other direction was worse at its first step already (unimodal)
                }
            }

            foreach (var factor in new[] { MathF.Sqrt(2f), 1f / MathF.Sqrt(2f) })
            {
                if (TryEase(best.Lambda * factor) is { } ndcg && ndcg > best.Ndcg)
                {
                    best = (best.Lambda * factor, ndcg);
                }
            }

            // Emphasised denoising (EDLAE): part of the regularisation moves from λ to the diagonal.
            var bestLambda = best.Lambda;
            foreach (var dropout in new[] { 0.25f, 0.5f, 0.75f })
            {
                foreach (var lambda in new[] { bestLambda, bestLambda / 2f })
                {
                    TryEase(lambda, dropout);
                }
            }
        }

        private static readonly (int Factors, float Regularization, float Alpha, bool Log) DefaultIals = (32, 30f, 1f, false);

        private double? TryIals((int Factors, float Regularization, float Alpha, bool Log) p) =>
            Try(TrainerCandidate.Ials(p.Factors, p.Regularization, p.Alpha, IalsEpochs, Options.Seed, p.Log));

        private const int IalsEpochs = 12;

        /// <summary>Coordinate search: regularisation (×3 steps), then confidence slope α (×3), then factors,
        /// then logarithmic confidence.</summary>
        private void SearchIals(double startNdcg)
        {
            var best = (Params: DefaultIals, Ndcg: startNdcg);
            foreach (var coordinate in new[] { 0, 1 })
            {
                foreach (var factor in new[] { 3f, 1f / 3f })
                {
                    var improved = false;
                    for (var step = 0; step < 4; step++)
                    {
                        var p = best.Params;
                        p = coordinate == 0 ? p with { Regularization = p.Regularization * factor } : p with { Alpha = p.Alpha * factor };
                        if (TryIals(p) is not { } ndcg || ndcg <= best.Ndcg)
                        {
                            break;
                        }

                        best = (p, ndcg);
                        improved = true;
                    }

                    if (improved)
                    {
                        break;
                    }
                }
            }

            foreach (var factors in new[] { 64, 16 })
            {
                if (TryIals(best.Params with { Factors = factors }) is { } ndcg && ndcg > best.Ndcg)
                {
                    best = (best.Params with { Factors = factors }, ndcg);
                    break;
                }
            }

            // Logarithmic confidence tames heavy-tailed weights (play counts, repeated views).
            foreach (var alpha in new[] { best.Params.Alpha, best.Params.Alpha * 3f })
            {
                TryIals(best.Params with { Log = true, Alpha = alpha });
            }
        }

        private void SearchSar()
        {
            var similarity = SarSimilarity.Jaccard;
            var jaccard = BestNdcgOf(SarRecommender.Name);
            if (Try(TrainerCandidate.Sar(SarSimilarity.Cosine, 200, WeightScale.Binary)) is { } cosine && cosine > jaccard)
            {
                similarity = SarSimilarity.Cosine;
            }

            foreach (var neighbours in new[] { 50, 100, 400 })
            {
                Try(TrainerCandidate.Sar(similarity, neighbours, WeightScale.Binary));
            }
        }

        /// <summary>One re-ranker over the best configuration of the (up to three) strongest non-popularity
        /// families, when the budget left covers its cost (it fits every base twice).</summary>
        private void SearchRerank()
        {
            var bases = _bestPerAlgorithm.Values
                .Where(b => b.Candidate.Algorithm != PopularityRecommender.Name)
                .OrderByDescending(b => b.Ndcg)
                .Take(3)
                .ToList();
            var left = Options.BudgetSeconds - tuner._time.GetElapsedTime(started).TotalSeconds;
            if (bases.Count < 2 || 3 * bases.Sum(b => b.Seconds) > left)
            {
                return;
            }

            Try(TrainerCandidate.Rerank([.. bases.Select(b => b.Candidate)], Options.Seed));
        }

        /// <summary>Blends the best configuration of each algorithm pairwise (and the best pair with a third),
        /// weights on a coarse grid.</summary>
        private void SearchBlends()
        {
            var ranked = _bestPerAlgorithm.Values.OrderByDescending(b => b.Ndcg).ToList();
            if (ranked.Count < 2)
            {
                return;
            }

            (IReadOnlyList<TrainerCandidate> Parts, float[] Weights, double Ndcg)? bestBlend = null;
            for (var a = 0; a < ranked.Count; a++)
            {
                for (var b = a + 1; b < ranked.Count; b++)
                {
                    foreach (var w in new[] { 0.8f, 0.65f, 0.5f })
                    {
                        var parts = new[] { ranked[a], ranked[b] };
                        if (TryBlend(parts, [w, 1f - w]) is { } ndcg && (bestBlend is null || ndcg > bestBlend.Value.Ndcg))
                        {
                            bestBlend = ([ranked[a].Candidate, ranked[b].Candidate], [w, 1f - w], ndcg);
                        }
                    }
                }
            }

            if (bestBlend is null || ranked.Count < 3)
            {
                return;
            }

            var pair = bestBlend.Value;
            foreach (var third in ranked.Where(r => !pair.Parts.Contains(r.Candidate)))
            {
                foreach (var w in new[] { 0.1f, 0.2f })
                {
                    var parts = pair.Parts.Select(p => _bestPerAlgorithm[p.Family]).Append(third).ToArray();
                    TryBlend(parts, [pair.Weights[0] * (1 - w), pair.Weights[1] * (1 - w), w]);
                }
            }
        }

        private double? TryBlend((TrainerCandidate Candidate, double Ndcg, IRecommender Model, double Seconds)[] parts, float[] weights)
        {
            var candidate = TrainerCandidate.Blend([.. parts.Select(p => p.Candidate)], weights);
            return Try(candidate, () => new BlendRecommender([.. parts.Select(p => p.Model)], weights));
        }

        private double BestNdcgOf(string family) =>
            _bestPerAlgorithm.TryGetValue(family, out var best) ? best.Ndcg : double.NegativeInfinity;

        private bool BudgetSpent()
        {
            if (_stopped || cancellationToken.IsCancellationRequested)
            {
                return true;
            }

            _stopped = tuner._time.GetElapsedTime(started).TotalSeconds >= Options.BudgetSeconds
                || (Options.MaxTrials is { } max && _trials.Count >= max);
            return _stopped;
        }

        /// <summary>Fits and validates one candidate; null when the budget is spent or the trainer refused.
        /// <paramref name="fit"/> replaces the fit when the model can be assembled from fitted parts.</summary>
        private double? Try(TrainerCandidate candidate, Func<IRecommender>? fit = null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (BudgetSpent())
            {
                return null;
            }

            // Skip a configuration whose algorithm already took longer than the budget that is left.
            var left = Options.BudgetSeconds - tuner._time.GetElapsedTime(started).TotalSeconds;
            if (fit is null && _bestPerAlgorithm.TryGetValue(candidate.Family, out var previous) && previous.Seconds > left)
            {
                return null;
            }

            var watch = Stopwatch.StartNew();
            IRecommender model;
            try
            {
                model = fit is null ? candidate.Create(1.0).Fit(split.Train, cancellationToken) : fit();
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                // A refusal (or a candidate that fails on this data) is recorded and the search goes on.
                var note = failed is TrainingRefusedException ? failed.Message : $"Failed: {failed.GetType().Name}: {failed.Message}";
                _trials.Add(new TuningTrial(candidate.Algorithm, candidate.Parameters, null, watch.Elapsed.TotalSeconds, note));
                _candidates.Add(candidate);
                _perUserNdcg.Add(null);
                LogRefused(tuner._logger, candidate.Describe(), note);
                return null;
            }

            var lists = Evaluator.Recommend(model, split.Train, _users, Options.K, cancellationToken);
            var metrics = Evaluator.Measure(lists, _users, split.Train, split.Test, Options.K);
            var perUser = new double[_users.Length];
            for (var i = 0; i < perUser.Length; i++)
            {
                perUser[i] = RankingMetrics.Ndcg(lists[i], split.Test.ItemsOf(_users[i]), Options.K);
            }

            var seconds = watch.Elapsed.TotalSeconds;
            _trials.Add(new TuningTrial(candidate.Algorithm, candidate.Parameters, metrics, seconds));
            _candidates.Add(candidate);
            _perUserNdcg.Add(perUser);
            LogTrial(tuner._logger, candidate.Describe(), metrics.Ndcg, seconds);

            if (fit is null && metrics.Ndcg > BestNdcgOf(candidate.Family))
            {
                _bestPerAlgorithm[candidate.Family] = (candidate, metrics.Ndcg, model, seconds);
            }

            return metrics.Ndcg;
        }
    }
}
