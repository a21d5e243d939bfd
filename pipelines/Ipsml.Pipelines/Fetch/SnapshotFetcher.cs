using System.IO.Enumeration;
using System.Security.Cryptography;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// Offline fetch: resolves every enabled feed's <c>snapshot</c> entries against a snapshot folder
/// (e.g. <c>../shared/data</c>). Files are read where they are, never copied; each is hashed.
/// </summary>
public sealed class SnapshotFetcher
{
    public const string Mode = "snapshot";

    public const string Status = "snapshot";

    public SnapshotFetcher(string snapshotDir)
    {
        SnapshotDir = Path.GetFullPath(snapshotDir);
    }

    /// <summary>Absolute path of the snapshot folder.</summary>
    public string SnapshotDir { get; }

    /// <summary>
    /// One <see cref="FetchedFeed"/> per enabled feed, in registry order. Entries are paths relative to the
    /// snapshot folder; the file-name part may hold <c>*</c> and <c>?</c>. A feed's files are de-duplicated
    /// and sorted ordinally by relative path. Entries that match nothing, or that are not allowed (absolute,
    /// leaving the folder, globs in the folder part), become the feed's warning; nothing here throws for them.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The snapshot folder itself does not exist.</exception>
    public async Task<FetchedSources> FetchAsync(FeedRegistry registry, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(SnapshotDir))
        {
            throw new DirectoryNotFoundException($"snapshot folder '{SnapshotDir}' does not exist");
        }

        var feeds = new List<FetchedFeed>();
        foreach (var feed in registry.Enabled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            feeds.Add(await FetchFeedAsync(feed, cancellationToken).ConfigureAwait(false));
        }

        return new FetchedSources { Mode = Mode, SnapshotDir = SnapshotDir, Feeds = feeds };
    }

    private async Task<FetchedFeed> FetchFeedAsync(FeedDefinition feed, CancellationToken cancellationToken)
    {
        if (feed.Snapshot.Count == 0)
        {
            return new FetchedFeed { Feed = feed.Name, Files = [], Warning = $"feed '{feed.Name}' has no snapshot entries" };
        }

        var problems = new List<string>();
        var matched = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in feed.Snapshot)
        {
            var (relative, problem) = Expand(entry);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            matched.UnionWith(relative);
        }

        var files = new List<FetchedFile>(matched.Count);
        foreach (var relative in matched)
        {
            var path = Path.GetFullPath(Path.Combine(SnapshotDir, relative));
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            files.Add(new FetchedFile
            {
                Origin = relative,
                Path = path,
                Sha256 = sha,
                Bytes = stream.Length,
                Status = Status,
            });
        }

        string? warning = null;
        if (files.Count == 0)
        {
            warning = $"feed '{feed.Name}': no snapshot file found in '{SnapshotDir}' ({string.Join("; ", problems)})";
        }
        else if (problems.Count > 0)
        {
            warning = $"feed '{feed.Name}': {string.Join("; ", problems)}";
        }

        return new FetchedFeed { Feed = feed.Name, Files = files, Warning = warning };
    }

    /// <summary>Relative paths ('/'-separated) matched by one entry, or why the entry gives none.</summary>
    private (IReadOnlyList<string> Relative, string? Problem) Expand(string entry)
    {
        var normalised = entry.Replace('\\', '/').Trim();
        if (normalised.Length == 0)
        {
            return ([], "empty snapshot entry");
        }

        if (Path.IsPathRooted(normalised) || normalised.StartsWith('/'))
        {
            return ([], $"'{entry}' is absolute; entries are relative to the snapshot folder");
        }

        var slash = normalised.LastIndexOf('/');
        var folder = slash < 0 ? string.Empty : normalised[..slash];
        var pattern = normalised[(slash + 1)..];
        if (folder.IndexOfAny(['*', '?']) >= 0)
        {
            return ([], $"'{entry}' has a glob in its folder part; only the file name may hold * or ?");
        }

        if (folder.Split('/').Any(part => part is ".."))
        {
            return ([], $"'{entry}' leaves the snapshot folder");
        }

        if (pattern.Length == 0)
        {
            return ([], $"'{entry}' names a folder, not a file");
        }

        var directory = Path.Combine(SnapshotDir, folder);
        if (!Directory.Exists(directory))
        {
            return ([], $"'{entry}' matched nothing (no folder '{folder}')");
        }

        var names = Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false))
            .Select(name => folder.Length == 0 ? name : $"{folder}/{name}")
            .ToList();
        return names.Count == 0 ? ([], $"'{entry}' matched nothing") : (names, null);
    }
}
