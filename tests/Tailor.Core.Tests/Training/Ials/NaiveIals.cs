using Tailor.Interactions;
using Tailor.Tests.Numerics;
using Tailor.Training.Ials;

namespace Tailor.Tests.Training.Ials;

/// <summary>Textbook implicit ALS in double precision: per row, A = YᵀY + λI + Σ (c−1) y yᵀ, b = Σ c y,
/// λ scaled by (1 + Σ (c−1) / M)^ν, solved by Gaussian elimination. Items step first, then users, from the trainer's initial factors.</summary>
internal static class NaiveIals
{
    public static (double[] Users, double[] Items) Fit(InteractionMatrix train, IalsOptions options)
    {
        var k = options.Factors;
        var userInit = new float[train.UserCount * k];
        var itemInit = new float[train.ItemCount * k];
        IalsTrainer.InitialFactors(options, userInit, itemInit);
        var users = Array.ConvertAll(userInit, v => (double)v);
        var items = Array.ConvertAll(itemInit, v => (double)v);
        var byItem = train.Transpose();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            SolveAll(byItem, users, items, options);
            SolveAll(train, items, users, options);
        }

        return (users, items);
    }

    public static double Confidence(IalsOptions options, float weight) => options.Confidence == IalsConfidence.Log
        ? 1.0 + (options.Alpha * Math.Log(1.0 + (weight / (double)options.LogEpsilon)))
        : 1.0 + (options.Alpha * (double)weight);

    private static void SolveAll(InteractionMatrix rows, double[] fixedFactors, double[] solved, IalsOptions options)
    {
        var k = options.Factors;
        var fixedCount = fixedFactors.Length / k;
        var gram = new double[k * k];
        for (var r = 0; r < fixedCount; r++)
        {
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    gram[(i * k) + j] += fixedFactors[(r * k) + i] * fixedFactors[(r * k) + j];
                }
            }
        }

        for (var row = 0; row < rows.UserCount; row++)
        {
            var cols = rows.ItemsOf(row);
            var weights = rows.WeightsOf(row);
            var mass = 0.0;
            for (var n = 0; n < cols.Length; n++)
            {
                mass += Confidence(options, weights[n]) - 1.0;
            }

            var lambda = options.Regularization * Math.Pow(1.0 + (mass / fixedCount), options.RegularizationExponent);
            var a = (double[])gram.Clone();
            var b = new double[k];
            for (var d = 0; d < k; d++)
            {
                a[(d * k) + d] += lambda;
            }

            for (var n = 0; n < cols.Length; n++)
            {
                var c = Confidence(options, weights[n]);
                var y = cols[n] * k;
                for (var i = 0; i < k; i++)
                {
                    b[i] += c * fixedFactors[y + i];
                    for (var j = 0; j < k; j++)
                    {
                        a[(i * k) + j] += (c - 1.0) * fixedFactors[y + i] * fixedFactors[y + j];
                    }
                }
            }

            var x = NaiveLinearAlgebra.Solve(a, b, k);
            Array.Copy(x, 0, solved, row * k, k);
        }
    }
}
