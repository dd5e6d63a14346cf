using Tailor.Evaluation;
using Tailor.Evaluation.Tuning;
using Tailor.Splits;
using Tailor.Tests.Training;
using Tailor.Training.Popularity;

namespace Tailor.Tests.Evaluation.Tuning;

public class AutoTunerTests
{
    private static TrainingOptions Unbounded(int? maxTrials = null) =>
        new() { BudgetSeconds = 3600, MaxTrials = maxTrials, Algorithms = "popularity,sar,ease,blend" };

    [Fact]
    public void Tuner_stops_launching_trials_once_the_trial_cap_is_reached()
    {
        var split = PlantedClusters.Split();
        var result = new AutoTuner(Unbounded(maxTrials: 3)).Tune(split.Train);

        Assert.Equal(3, result.Trials.Count);
    }

    [Fact]
    public void Tuner_stops_launching_trials_once_the_time_budget_is_spent()
    {
        var split = PlantedClusters.Split();

        // Every clock read advances 10 s: a 45 s budget is spent after a few reads, whatever the machine's speed.
        var options = Unbounded() with { BudgetSeconds = 45 };
        var small = new AutoTuner(options, new SteppingTimeProvider(TimeSpan.FromSeconds(10))).Tune(split.Train);
        var large = new AutoTuner(options with { BudgetSeconds = 200 }, new SteppingTimeProvider(TimeSpan.FromSeconds(10))).Tune(split.Train);

        Assert.InRange(small.Trials.Count, 1, 3);
        Assert.True(large.Trials.Count > small.Trials.Count);
    }

    [Fact]
    public void Validation_is_measured_on_at_most_the_configured_number_of_users()
    {
        var split = PlantedClusters.Split();
        var result = new AutoTuner(Unbounded(maxTrials: 4) with { MaxValidationUsers = 100 }).Tune(split.Train);

        Assert.All(result.Trials, t => Assert.Equal(100, t.Validation!.Users));
    }

    [Fact]
    public void Tuner_with_no_budget_falls_back_to_popularity()
    {
        var split = PlantedClusters.Split();
        var result = new AutoTuner(Unbounded() with { BudgetSeconds = 0 }).Tune(split.Train);

        Assert.Empty(result.Trials);
        Assert.Equal(PopularityRecommender.Name, result.Model.Algorithm);
    }

    [Fact]
    public void Tuner_is_deterministic_and_its_choice_beats_popularity_on_held_out_data()
    {
        var split = PlantedClusters.Split();
        var a = new AutoTuner(Unbounded()).Tune(split.Train);
        var b = new AutoTuner(Unbounded()).Tune(split.Train);

        Assert.Equal(a.Trials.Select(t => (t.Describe(), t.Validation)), b.Trials.Select(t => (t.Describe(), t.Validation)));
        Assert.Equal(a.Chosen.Describe(), b.Chosen.Describe());
        Assert.NotEqual(PopularityRecommender.Name, a.Model.Algorithm);

        var tuned = Evaluator.Evaluate(a.Model, split.Train, split.Test);
        var popularity = Evaluator.Evaluate(new PopularityTrainer().Fit(split.Train), split.Train, split.Test);
        Assert.True(tuned.Ndcg > popularity.Ndcg + 0.1, $"tuned {tuned.Ndcg:F3} vs popularity {popularity.Ndcg:F3}");
    }

    [Fact]
    public void Tuner_searches_only_the_families_whose_default_came_within_a_tenth_of_the_best_default()
    {
        var split = PlantedClusters.Split();
        var result = new AutoTuner(new TrainingOptions { BudgetSeconds = 3600, Algorithms = "popularity,sar,ease,ials" }).Tune(split.Train);

        var families = result.Trials.Where(t => t.Algorithm != "popularity").GroupBy(t => t.Algorithm).ToList();
        var leader = families.Max(f => f.First().Validation!.Ndcg);
        Assert.All(families, f =>
        {
            if (f.First().Validation!.Ndcg < leader * 0.9)
            {
                Assert.Single(f);
            }
            else
            {
                Assert.True(f.Count() > 1, $"{f.Key} came within 10 % of the best default but was not searched");
            }
        });
    }

    [Fact]
    public void Chosen_trial_is_the_best_single_model_or_a_combination_that_beats_it_on_validation()
    {
        var split = PlantedClusters.Split();
        var result = new AutoTuner(new TrainingOptions { BudgetSeconds = 3600 }).Tune(split.Train);

        var singles = result.Trials.Where(t => t.Validation is not null && t.Algorithm is not ("blend" or "rerank")).ToList();
        var bestSingle = singles.Max(t => t.Validation!.Ndcg);
        Assert.Contains(result.Trials, t => t.Algorithm == "rerank");
        if (result.Chosen.Algorithm is "blend" or "rerank")
        {
            Assert.True(result.Chosen.Validation!.Ndcg > bestSingle);
        }
        else
        {
            Assert.Equal(bestSingle, result.Chosen.Validation!.Ndcg);
        }

        Assert.Equal(result.Chosen.Algorithm, result.Model.Algorithm);
    }

    [Theory]
    [InlineData(5)] // every climb's first step up fails, so its step down is recorded; 64 factors improve, 16 are dropped
    [InlineData(11)] // λ ×1.25 and 64 factors improve: λ ×0.8 and 16 factors are dropped
    public void Trials_fitted_in_pairs_are_the_trials_of_a_one_at_a_time_search(int seed)
    {
        var split = PlantedClusters.Split(seed);
        var options = Unbounded() with { Algorithms = "popularity,ials" };
        var paired = new AutoTuner(options).Tune(split.Train);
        var sequential = new AutoTuner(options with { PairedTrials = false }).Tune(split.Train);

        Assert.True(paired.Trials.Count >= 9, $"{paired.Trials.Count} trials: the iALS search did not run");
        Assert.Equal(sequential.Trials.Select(t => (t.Describe(), t.Validation)), paired.Trials.Select(t => (t.Describe(), t.Validation)));
        Assert.Equal(sequential.Chosen.Describe(), paired.Chosen.Describe());
    }

    [Fact]
    public void The_ials_search_runs_short_fits_and_tries_only_its_best_configuration_longer()
    {
        var split = PlantedClusters.Split();
        var result = new AutoTuner(Unbounded() with { Algorithms = "popularity,ials" }).Tune(split.Train);

        var ials = result.Trials.Where(t => t.Algorithm == "ials" && t.Validation is not null).ToList();
        var longer = Assert.Single(ials, t => t.Parameters["epochs"] != "8");
        Assert.Equal("12", longer.Parameters["epochs"]);
        Assert.Same(ials[^1], longer);
        var bestShort = ials.Where(t => t != longer).MaxBy(t => t.Validation!.Ndcg)!;
        Assert.Equal(Without(bestShort.Parameters, "epochs"), Without(longer.Parameters, "epochs"));

        // The chosen iALS is whichever of the two validated better.
        var chosenEpochs = longer.Validation!.Ndcg > bestShort.Validation!.Ndcg ? "12" : "8";
        Assert.Equal(chosenEpochs, result.Chosen.Parameters["epochs"]);

        static Dictionary<string, string> Without(IReadOnlyDictionary<string, string> parameters, string key) =>
            parameters.Where(p => p.Key != key).ToDictionary();
    }

    [Theory]
    [InlineData("popularity,sar,ease,ials,blend", false)] // on this data no second part helps the leader
    [InlineData("popularity,sar,ials,blend", true)] // without EASE, SAR at a share lifts iALS
    public void Three_part_blends_are_tried_only_on_a_pair_that_beat_the_best_single_model(string algorithms, bool pairWins)
    {
        var split = PlantedClusters.Split();
        var result = new AutoTuner(Unbounded() with { Algorithms = algorithms }).Tune(split.Train);

        var scored = result.Trials.Where(t => t.Validation is not null).ToList();
        var bestSingle = scored.Where(t => t.Algorithm != "blend").Max(t => t.Validation!.Ndcg);
        var pairs = scored.Where(t => PartCount(t) == 2).ToList();
        var triples = scored.Where(t => PartCount(t) == 3).ToList();
        Assert.NotEmpty(pairs);
        Assert.Equal(pairWins, pairs.Max(t => t.Validation!.Ndcg) > bestSingle);
        Assert.Equal(pairWins, triples.Count > 0);

        static int PartCount(TuningTrial trial) =>
            trial.Algorithm == "blend" ? trial.Parameters["parts"].Split(" + ").Length : 1;
    }

    [Fact]
    public void Tuner_records_an_ease_refusal_as_a_trial_with_its_reason()
    {
        var split = PlantedClusters.Split();
        var result = new AutoTuner(Unbounded() with { MaxEaseItems = 50 }).Tune(split.Train);

        var refused = Assert.Single(result.Trials, t => t.Algorithm == "ease");
        Assert.Null(refused.Validation);
        Assert.Contains("50", refused.Note, StringComparison.Ordinal);
        Assert.NotEqual("ease", result.Model.Algorithm);
    }

    [Fact]
    public void Validation_split_is_carved_from_the_training_data_only()
    {
        // Whatever else exists (a test split, other users' data), the tuner's trials depend only on the
        // matrix it receives: tuning the same train twice while the test half differs gives the same trials.
        var data = PlantedClusters.Generate(300, 120, 6, 20, seed: 9);
        var split = DataSplitter.StratifiedRandom(data, 0.25, 42);
        var otherTest = DataSplitter.StratifiedRandom(PlantedClusters.Generate(300, 120, 6, 20, seed: 10), 0.25, 42).Test;

        var first = new AutoTuner(Unbounded()).Tune(split.Train);
        var again = new AutoTuner(Unbounded()).Tune(split.Train);

        Assert.Equal(first.Trials.Select(t => t.Validation), again.Trials.Select(t => t.Validation));
        Assert.NotEqual(Evaluator.Evaluate(first.Model, split.Train, split.Test), Evaluator.Evaluate(first.Model, split.Train, otherTest));
    }
}
