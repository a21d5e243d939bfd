using Ipsml.Features.Inputs;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// The first N distinct names of a top list (zip, gzip or plain <c>rank,domain</c>), read with the shared
/// <see cref="TopListReader"/>; a name listed again is a Conflict drop.
/// </summary>
internal static class TopListFile
{
    public static (IReadOnlyList<TopListEntry> Entries, IReadOnlyList<LineDrop> Drops) Read(string path, int count)
    {
        using var text = FeedFile.OpenText(path);
        return Parse(text, count, path);
    }

    internal static (IReadOnlyList<TopListEntry> Entries, IReadOnlyList<LineDrop> Drops) Parse(TextReader text, int count, string name = "top list")
    {
        var entries = new List<TopListEntry>();
        var drops = new List<LineDrop>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in new TopListReader().Read(text, new FeedReadContext(name)))
        {
            if (entries.Count >= count)
            {
                break;
            }

            if (item.Drop is { } drop)
            {
                drops.Add(drop);
            }
            else if (!seen.Add(item.Entry!.Value.Domain))
            {
                drops.Add(new LineDrop(item.Entry.Value.Line, DropReason.Conflict, $"'{item.Entry.Value.Domain}' listed again"));
            }
            else
            {
                entries.Add(item.Entry.Value);
            }
        }

        return (entries, drops);
    }
}
