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
        private double? Try(TrainerCandidate candidate, Func<IRecommender>? fit = null) =>
            MayTry(candidate, fit is not null) ? Record(candidate, Run(candidate, fit), fit is not null) : null;

        /// <summary>
        /// Two neighbouring trials, where <paramref name="second"/> is tried only when <paramref name="needsSecond"/>
        /// says so of the first's NDCG: both are fitted at once (two trials on two cores keep both busy where one
        /// trial's parallel loops leave gaps), then recorded in order as <see cref="Try"/> one after the other would,
        /// so the trials, their order and the choice are the same; a second trial that turns out not to be needed is
        /// dropped unrecorded.
        /// </summary>
        private (double? First, double? Second) TryPair(TrainerCandidate first, TrainerCandidate second, Func<double?, bool> needsSecond)
        {
            if (!MayTry(first, assembled: false))
            {
                return (null, null);
            }

            if (!Options.PairedTrials || (Options.MaxTrials is { } max && _trials.Count + 2 > max))
            {
                var only = Try(first);
                return (only, needsSecond(only) ? Try(second) : null);
            }

            var pending = Task.Run(() => Run(second, null), cancellationToken);
            TrialRun firstRun;
            try
            {
                firstRun = Run(first, null);
            }
            catch
            {
                // Cancelled: the second run sees the same token; wait for it so that no fit outlives the tuner.
                try
                {
                    pending.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }

                throw;
            }

            var secondRun = pending.GetAwaiter().GetResult();
            var a = Record(first, firstRun, assembled: false);
            var b = needsSecond(a) && MayTry(second, assembled: false) ? Record(second, secondRun, assembled: false) : null;
            return (a, b);
        }

        /// <summary>False when the budget is spent, or when a fitted configuration of the candidate's algorithm already
        /// took longer than the budget that is left.</summary>
        private bool MayTry(TrainerCandidate candidate, bool assembled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (BudgetSpent())
            {
                return false;
            }

            var left = Options.BudgetSeconds - tuner._time.GetElapsedTime(started).TotalSeconds;
            return assembled || !_bestPerAlgorithm.TryGetValue(candidate.Family, out var previous) || previous.Seconds <= left;
        }

        /// <summary>One trial's fit and validation, not yet recorded: a model with its metrics, or why it has none.</summary>
        private sealed record TrialRun(IRecommender? Model, MetricSet? Metrics, double[]? PerUserNdcg, double Seconds, string? Note);

        /// <summary>Fits and validates <paramref name="candidate"/>; touches nothing of the search's state, so two runs
        /// may go at once.</summary>
        private TrialRun Run(TrainerCandidate candidate, Func<IRecommender>? fit)
        {
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
                return new TrialRun(null, null, null, watch.Elapsed.TotalSeconds, note);
            }

            var lists = Evaluator.Recommend(model, split.Train, _users, Options.K, cancellationToken);
            var metrics = Evaluator.Measure(lists, _users, split.Train, split.Test, Options.K);
            var perUser = new double[_users.Length];
            for (var i = 0; i < perUser.Length; i++)
            {
                perUser[i] = RankingMetrics.Ndcg(lists[i], split.Test.ItemsOf(_users[i]), Options.K);
            }

            return new TrialRun(model, metrics, perUser, watch.Elapsed.TotalSeconds, null);
        }

        /// <summary>Adds a run to the trials (and to the best per algorithm unless it was <paramref name="assembled"/>
        /// from fitted parts); its validation NDCG, or null when it has none.</summary>
        private double? Record(TrainerCandidate candidate, TrialRun run, bool assembled)
        {
            _trials.Add(new TuningTrial(candidate.Algorithm, candidate.Parameters, run.Metrics, run.Seconds, run.Note));
            _candidates.Add(candidate);
            _perUserNdcg.Add(run.PerUserNdcg);
            if (run.Metrics is not { } metrics)
            {
                LogRefused(tuner._logger, candidate.Describe(), run.Note!);
                return null;
            }

            LogTrial(tuner._logger, candidate.Describe(), metrics.Ndcg, run.Seconds);
            if (!assembled && metrics.Ndcg > BestNdcgOf(candidate.Family))
            {
                _bestPerAlgorithm[candidate.Family] = (candidate, metrics.Ndcg, run.Model!, run.Seconds);
            }

            return metrics.Ndcg;
        }
    }
}
