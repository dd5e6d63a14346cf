using Microsoft.ML.Data;

namespace Tailor.Training.Rerank;

/// <summary>The ML.NET schema of <see cref="RerankRow"/> with the feature vector's width fixed.</summary>
internal static class RerankSchema
{
    public static SchemaDefinition Create(int width)
    {
        var schema = SchemaDefinition.Create(typeof(RerankRow));
        schema[nameof(RerankRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }
}
