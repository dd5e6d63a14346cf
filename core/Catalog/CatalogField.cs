namespace Tailor.Catalog;

/// <summary>The fields of a catalog row, whatever the file calls its columns.</summary>
internal enum CatalogField
{
    Item = 0,
    Title = 1,
    Categories = 2,
    Tags = 3,
    Available = 4,
    Created = 5,
    Description = 6,
}
