using Azure;

namespace Tailor.Storage;

/// <summary>Recognises the answers storage gives for a container, table or queue that does not exist, which
/// read paths treat as empty (fresh storage, or start-up could not provision it).</summary>
public static class MissingStorage
{
    public static bool IsMissingContainerOrTable(RequestFailedException exception) =>
        exception.Status == 404
        && exception.ErrorCode is "ContainerNotFound" or "TableNotFound" or "ResourceNotFound" or "QueueNotFound";
}
