namespace Tailor.Testing;

/// <summary>Finds the repository root (the folder holding <c>Serverless.sln</c>) from the test's base directory.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
