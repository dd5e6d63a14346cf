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
    public static IReadOnlyList<DiversityPoint> Run(InteractionDataset data, SplitKind splitKind, int k, TrainingOptions training, CancellationToken cancellationToken)
    {
        var split = AlgorithmBenchmark.Split(data, splitKind);
        var model = new IalsTrainer(new IalsOptions(Seed: training.Seed)).Fit(split.Train, cancellationToken);
        return DiversityTradeoff.Measure(model, split.Train, split.Test, k, DiversityTradeoff.BenchLambdas, cancellationToken) ?? [];
    }

    public static string Table(IReadOnlyList<DiversityPoint> points, int k)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"diversity (ials default)  NDCG@{k}  intra-list diversity");
        foreach (var p in points)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  λ = {p.Lambda,-4:0.0#}                {p.Metrics.Ndcg,6:0.0000}  {p.IntraListDiversity,8:0.0000}");
        }

        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<DiversityPoint> points, int k)
    {
        var text = new StringBuilder();
        text.AppendLine("## Diversity trade-off (ials, default settings)");
        text.AppendLine();
        text.AppendLine("`diversity=λ` re-ranks by maximal marginal relevance over the factors' cosine similarity; intra-list");
        text.AppendLine("diversity is 1 − the mean pairwise similarity of a list.");
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
