using Tailor.Training.Blend;
using Tailor.Training.Rerank;

namespace Tailor.Evaluation.Tuning;

public sealed partial class AutoTuner
{
    /// <summary>Search, part: choosing the winner among the trials.</summary>
    private sealed partial class Search
    {
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
    }
}
