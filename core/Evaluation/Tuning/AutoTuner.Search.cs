using System.Diagnostics;
using Tailor.Splits;
using Tailor.Training;
using Tailor.Training.Blend;
using Tailor.Training.Ease;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;
using Tailor.Training.Rerank;
using Tailor.Training.Sar;

namespace Tailor.Evaluation.Tuning;

public sealed partial class AutoTuner
{
    /// <summary>The state of one tuning run: trials so far and the best fitted model per algorithm.</summary>
    private sealed partial class Search(AutoTuner tuner, DataSplit split, long started, CancellationToken cancellationToken)
    {
        private readonly List<TuningTrial> _trials = [];
        private readonly List<TrainerCandidate> _candidates = [];
        private readonly List<double[]?> _perUserNdcg = [];
        private readonly int[] _users = SampleUsers(DataSplitter.TestUsers(split.Train, split.Test), tuner._options);
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

            // Families whose defaults fell far behind the best default stop there: their search would not catch up.
            var leader = Math.Max(easeStart ?? 0, Math.Max(ialsStart ?? 0, Math.Max(BestNdcgOf(SarRecommender.Name), 0)));
            if (easeStart is not null && Promising(easeStart.Value, leader))
            {
                SearchEaseLambda(easeStart.Value);
            }

            if (ialsStart is not null && Promising(ialsStart.Value, leader))
            {
                SearchIals(ialsStart.Value);
            }

            if (Options.Enables(SarRecommender.Name) && Promising(BestNdcgOf(SarRecommender.Name), leader))
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

        /// <summary>A family's search rarely gains more than a few percent over its defaults: one whose default
        /// trial is more than <see cref="HopelessShortfall"/> behind the best default is left at its default.</summary>
        private const double HopelessShortfall = 0.1;

        private static bool Promising(double defaultNdcg, double leaderNdcg) =>
            defaultNdcg >= leaderNdcg * (1 - HopelessShortfall);

        /// <summary>The best configuration of each family that came within <see cref="HopelessShortfall"/> of the
        /// best family: only these are the re-ranker's bases (it fits every base twice, so a far weaker one costs
        /// more than it has been seen to give).</summary>
        private IEnumerable<(TrainerCandidate Candidate, double Ndcg, IRecommender Model, double Seconds)> Contenders()
        {
            var best = _bestPerAlgorithm.Count == 0 ? 0 : _bestPerAlgorithm.Values.Max(b => b.Ndcg);
            return _bestPerAlgorithm.Values.Where(b => Promising(b.Ndcg, best));
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
