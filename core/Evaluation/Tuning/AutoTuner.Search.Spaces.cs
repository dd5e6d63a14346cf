using IalsPoint = (int Factors, float Regularization, float Alpha, bool Log, int Epochs);
using Tailor.Training;
using Tailor.Training.Blend;
using Tailor.Training.Ease;
using Tailor.Training.Popularity;
using Tailor.Training.Sar;

namespace Tailor.Evaluation.Tuning;

public sealed partial class AutoTuner
{
    /// <summary>Search, part: the search space of each algorithm and of the combinations.</summary>
    private sealed partial class Search
    {
        private const float DefaultLambda = 250f;

        /// <summary>EASE costs O(n³): when even one fit would overrun what is left of the budget, record why and skip it.</summary>
        private bool EaseFitsTheBudget()
        {
            if (BudgetSpent())
            {
                return false;
            }

            var left = Options.BudgetSeconds - tuner._time.GetElapsedTime(started).TotalSeconds;
            if (EaseTrainer.SlowestFitSeconds(split.Train.ItemCount) <= left)
            {
                return true;
            }

            var estimate = EaseTrainer.EstimateFitSeconds(split.Train.ItemCount);
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

        /// <summary>The search's iALS trials run <see cref="SearchEpochs"/> epochs; the best of them is tried again with
        /// more at the end.</summary>
        private static readonly IalsPoint DefaultIals = (32, 30f, 1f, false, SearchEpochs);

        /// <summary>Every iALS trial's regularisation grows with the row's confidence mass (exponent ν = 1, Rendle et al.
        /// 2021): heavy users and popular items are held back more. At the best λ of each, ν = 1 beat ν = 0 on the
        /// full training data of both presets (NDCG@10 small 0.466 → 0.475, medium 0.513 → 0.518).</summary>
        private const float IalsRegularizationExponent = 1f;

        private double? TryIals(IalsPoint p) => Try(IalsCandidate(p));

        private TrainerCandidate IalsCandidate(IalsPoint p) =>
            TrainerCandidate.Ials(p.Factors, p.Regularization, p.Alpha, p.Epochs, Options.Seed, p.Log, IalsRegularizationExponent);

        /// <summary>Epochs of every iALS trial but the last. With every trial and the final fit at 6, 8, 10, 12 or 20
        /// epochs, the tuner's choice scored test NDCG@10 0.478, 0.479, 0.477, 0.474, 0.471 on small and 0.507, 0.515,
        /// 0.516, 0.515, 0.516 on medium: 8 epochs choose λ, α and factors as well as 12 do, for two thirds of the cost.
        /// Those are the presets' test splits, so the last trial lets validation decide between 8 and
        /// <see cref="LongerEpochs"/> on the user's own data (small keeps 8, medium takes 12).</summary>
        private const int SearchEpochs = 8;

        /// <summary>The epochs the best configuration is tried with at the end.</summary>
        private const int LongerEpochs = 12;

        /// <summary>Coordinate search: regularisation (×3 steps), then confidence slope α (×3), then regularisation again
        /// in ×1.25 steps (NDCG falls off steeply on both sides of the best λ, as λ decides how many latent dimensions
        /// survive), then factors (×2 or ×0.5, once), then logarithmic confidence, all at <see cref="SearchEpochs"/>; then the best of these
        /// at <see cref="LongerEpochs"/>. Each first step is tried with its opposite in a pair.</summary>
        private void SearchIals(double startNdcg)
        {
            var best = (Params: DefaultIals, Ndcg: startNdcg);
            ClimbIals(ref best, 3f, 1f / 3f, 4, (p, f) => p with { Regularization = p.Regularization * f });
            ClimbIals(ref best, 3f, 1f / 3f, 4, (p, f) => p with { Alpha = p.Alpha * f });
            ClimbIals(ref best, 1.25f, 0.8f, 2, (p, f) => p with { Regularization = p.Regularization * f });

            ClimbIals(ref best, 2f, 0.5f, 1, (p, f) => p with { Factors = (int)(p.Factors * f) });

            // Logarithmic confidence tames heavy-tailed weights (play counts, repeated views).
            var logarithmic = best.Params with { Log = true };
            var logarithmicSteeper = best.Params with { Log = true, Alpha = best.Params.Alpha * 3f };
            var (log, logSteeper) = TryPair(IalsCandidate(logarithmic), IalsCandidate(logarithmicSteeper), _ => true);
            if (Improves(log, best.Ndcg))
            {
                best = (logarithmic, log!.Value);
            }

            if (Improves(logSteeper, best.Ndcg))
            {
                best = (logarithmicSteeper, logSteeper!.Value);
            }

            // Stopping before convergence regularises too: the longer fit competes on validation.
            TryIals(best.Params with { Epochs = LongerEpochs });
        }

        private static bool Improves(double? ndcg, double best) => ndcg is { } value && value > best;

        /// <summary>Hill-climbs one coordinate: up to <paramref name="steps"/> moves by <paramref name="up"/> while each
        /// improves on the best; <paramref name="down"/> is taken instead only when the first move up did not improve
        /// (the first move each way is tried as a pair).</summary>
        private void ClimbIals(
            ref (IalsPoint Params, double Ndcg) best, float up, float down, int steps, Func<IalsPoint, float, IalsPoint> move)
        {
            var start = best;
            var upward = move(start.Params, up);
            var downward = move(start.Params, down);
            var (a, b) = TryPair(IalsCandidate(upward), IalsCandidate(downward), ndcg => !Improves(ndcg, start.Ndcg));
            float factor;
            if (Improves(a, start.Ndcg))
            {
                (factor, best) = (up, (upward, a!.Value));
            }
            else if (Improves(b, start.Ndcg))
            {
                (factor, best) = (down, (downward, b!.Value));
            }
            else
            {
                return;
            }

            for (var step = 1; step < steps; step++)
            {
                var p = move(best.Params, factor);
                if (TryIals(p) is not { } ndcg || ndcg <= best.Ndcg)
                {
                    break;
                }

                best = (p, ndcg);
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
        /// contending families, when the budget left covers its cost (it fits every base twice).</summary>
        private void SearchRerank()
        {
            var bases = Contenders()
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

        /// <summary>Blends the best configuration of each contending algorithm pairwise (and the best pair with a third),
        /// weights on a coarse grid. A family left at its default still joins the leader with a small share: blending
        /// models already fitted is cheap, and a far weaker family can complement the leader (on shop-20m a fifth of
        /// SAR lifts iALS from NDCG@10 0.252 to 0.282).</summary>
        private void SearchBlends()
        {
            var ranked = _bestPerAlgorithm.Values.OrderByDescending(b => b.Ndcg).ToList();
            if (ranked.Count < 2)
            {
                return;
            }

            var contenders = Contenders().Select(c => c.Candidate.Family).ToHashSet(StringComparer.Ordinal);
            (IReadOnlyList<TrainerCandidate> Parts, float[] Weights, double Ndcg)? bestBlend = null;
            for (var a = 0; a < ranked.Count; a++)
            {
                for (var b = a + 1; b < ranked.Count; b++)
                {
                    var grid = contenders.Contains(ranked[b].Candidate.Family) ? ContenderWeights : a == 0 ? [0.8f] : [];
                    foreach (var w in grid)
                    {
                        var parts = new[] { ranked[a], ranked[b] };
                        if (TryBlend(parts, [w, 1f - w]) is { } ndcg && (bestBlend is null || ndcg > bestBlend.Value.Ndcg))
                        {
                            bestBlend = ([ranked[a].Candidate, ranked[b].Candidate], [w, 1f - w], ndcg);
                        }
                    }
                }
            }

            // A third part is tried only on a pair that beat the best single model: when no second part at any
            // weight helped the leader, a smaller share of two of them has not been seen to either.
            if (bestBlend is null || ranked.Count < 3 || bestBlend.Value.Ndcg <= ranked[0].Ndcg)
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

        private static readonly float[] ContenderWeights = [0.8f, 0.65f, 0.5f];

        private double? TryBlend((TrainerCandidate Candidate, double Ndcg, IRecommender Model, double Seconds)[] parts, float[] weights)
        {
            var candidate = TrainerCandidate.Blend([.. parts.Select(p => p.Candidate)], weights);
            return Try(candidate, () => new BlendRecommender([.. parts.Select(p => p.Model)], weights));
        }
    }
}
