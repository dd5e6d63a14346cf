using System.Globalization;
using System.Text;
using Tailor.Catalog;
using Tailor.Content;
using Tailor.Evaluation;
using Tailor.Training;
using Tailor.Training.Ease;
using Tailor.Training.Ials;

namespace Tailor.Cli.Bench;

/// <summary><c>tailor bench --cold-items</c>: the cold-item protocol (<see cref="ColdItemProtocol"/>) for iALS
/// (ridge onto its factors) and EASE (content-kNN onto its scores), with the text embedding when asked.</summary>
internal static class ColdItemBench
{
    public static IReadOnlyList<ColdItemReport> Run(
        InteractionDataset data, IReadOnlyList<CatalogItem> catalog, int k, int seed, ITextEmbedder? embedder, Action<ColdItemReport> done, CancellationToken cancellationToken)
    {
        IRecommenderTrainer[] trainers = [new IalsTrainer(new IalsOptions(Seed: seed)), new EaseTrainer()];
        var reports = new List<ColdItemReport>();
        foreach (var trainer in trainers)
        {
            var report = ColdItemProtocol.Run(data.Matrix, data.ItemIds, catalog, trainer, ContentSettings.Default, embedder, k, seed: seed, cancellationToken: cancellationToken);
            reports.Add(report);
            done(report);
        }

        return reports;
    }

    public static string Table(IReadOnlyList<ColdItemReport> reports)
    {
        var text = new StringBuilder();
        foreach (var report in reports)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"cold items ({report.Algorithm}): {report.ColdItems} held out, {report.Users} users took one");
            foreach (var r in report.Results)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {r.Method,-34} Recall@{report.K} {r.Recall,6:0.0000}  NDCG@{report.K} {r.Ndcg,6:0.0000}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  describing {report.DescribedItems} items: {report.DescribeSeconds:0.00} s{Embedding(report)}");
        }

        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<ColdItemReport> reports, string dataName)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Cold items ({dataName})");
        text.AppendLine();
        text.AppendLine("10 % of the items held out entirely from training (seeded); for each user who took one, the held-out items alone");
        text.AppendLine("are ranked. Random: a seeded shuffle; popularity by category: the training interactions of the item's most popular category.");
        text.AppendLine();
        foreach (var report in reports)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{report.Algorithm}: {report.ColdItems} cold items, {report.Users} users; describing {report.DescribedItems} items took {report.DescribeSeconds:0.00} s{Embedding(report)}.");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"| method | Recall@{report.K} | NDCG@{report.K} |");
            text.AppendLine("|---|---|---|");
            foreach (var r in report.Results)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Method} | {r.Recall:0.0000} | {r.Ndcg:0.0000} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Embedding(ColdItemReport report) =>
        report.EmbeddingDescribeSeconds is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $", with the embedding {seconds:0.00} s ({seconds * 10_000 / Math.Max(1, report.DescribedItems):0} s per 10k items)")
            : "";
}
