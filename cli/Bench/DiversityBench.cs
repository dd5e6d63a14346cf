using System.Globalization;
using System.Text;
using Tailor.Evaluation;
using Tailor.Evaluation.Tuning;
using Tailor.Serving;
using Tailor.Splits;
using Tailor.Training.Ials;

namespace Tailor.Cli.Bench;

/// <summary>The accuracy/variety trade-off of <c>diversity=λ</c> for <c>tailor bench</c>: default iALS (whose item
/// similarity is the cosine of its factors) on the benchmark's split, for each λ of <see cref="DiversityTradeoff.BenchLambdas"/>.</summary>
internal static class DiversityBench
{
    /// <summary>The trade-off with alikeness by the factors' cosine, and, with <paramref name="catalog"/>, by the
    /// catalog's category overlap (as serving does while a catalog is loaded).</summary>
    public static (IReadOnlyList<DiversityPoint> Factors, IReadOnlyList<DiversityPoint>? Categories) Run(
        InteractionDataset data, SplitKind splitKind, int k, TrainingOptions training, ItemCatalogView? catalog, CancellationToken cancellationToken)
    {
        var split = AlgorithmBenchmark.Split(data, splitKind);
        var model = new IalsTrainer(new IalsOptions(Seed: training.Seed)).Fit(split.Train, cancellationToken);
        var factors = DiversityTradeoff.Measure(model, split.Train, split.Test, k, DiversityTradeoff.BenchLambdas, cancellationToken) ?? [];
        var categories = catalog is null
            ? null
            : DiversityTradeoff.Measure(model, split.Train, split.Test, k, DiversityTradeoff.BenchLambdas, catalog.CategoryOverlapOf([.. data.ItemIds]), cancellationToken);
        return (factors, categories);
    }

    public static string Table(IReadOnlyList<DiversityPoint> points, int k, string by = "factor cosine")
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"diversity (ials default, alike by {by})  NDCG@{k}  intra-list diversity");
        foreach (var p in points)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  λ = {p.Lambda,-4:0.0#}                {p.Metrics.Ndcg,6:0.0000}  {p.IntraListDiversity,8:0.0000}");
        }

        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<DiversityPoint> points, int k, string by = "the factors' cosine similarity")
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Diversity trade-off (ials, default settings; alike by {by})");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`diversity=λ` re-ranks by maximal marginal relevance over {by}; intra-list");
        text.AppendLine("diversity is 1 − the mean pairwise similarity of a list, by the same similarity.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| λ | NDCG@{k} | intra-list diversity |");
        text.AppendLine("|---|---|---|");
        foreach (var p in points)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {p.Lambda:0.0#} | {p.Metrics.Ndcg:0.0000} | {p.IntraListDiversity:0.0000} |");
        }

        return text.ToString();
    }
}
