namespace Ipsml.Pipelines.Runs;

/// <summary>
/// A file option whose default is a path inside the repository (<c>experiments/default.json</c>,
/// <c>data/feeds.json</c>). A path the user gave is taken as given. The default is looked up in the working directory
/// first and, when it is not there, in the repository this ipsml was built from (the first folder above
/// <see cref="AppContext.BaseDirectory"/> holding <c>Pipeline.sln</c>), so the commands also work from other folders.
/// </summary>
/// <param name="Path">The path to read: as given, the default relative to the working directory, or an absolute path in the repository.</param>
/// <param name="Given">The user named the file.</param>
/// <param name="FromRepository">The default was not in the working directory and was taken from the repository.</param>
public sealed record DefaultFile(string Path, bool Given, bool FromRepository)
{
    public const string SolutionFile = "Pipeline.sln";

    /// <param name="given">The option's value; null when the user left it out.</param>
    /// <param name="defaultRelative">The default, relative to the repository root (and so to a working directory at the root).</param>
    /// <param name="workingDirectory">Where relative paths start; default the process's working directory.</param>
    /// <param name="baseDirectory">Where the search for the repository starts; default <see cref="AppContext.BaseDirectory"/>.</param>
    public static DefaultFile Resolve(string? given, string defaultRelative, string? workingDirectory = null, string? baseDirectory = null)
    {
        if (given is not null)
        {
            return new DefaultFile(given, Given: true, FromRepository: false);
        }

        if (File.Exists(System.IO.Path.GetFullPath(defaultRelative, workingDirectory ?? Directory.GetCurrentDirectory())))
        {
            return new DefaultFile(defaultRelative, Given: false, FromRepository: false);
        }

        return RepositoryRoot(baseDirectory ?? AppContext.BaseDirectory) is { } root && File.Exists(System.IO.Path.Combine(root, defaultRelative))
            ? new DefaultFile(System.IO.Path.Combine(root, defaultRelative), Given: false, FromRepository: true)
            : new DefaultFile(defaultRelative, Given: false, FromRepository: false);
    }

    /// <summary>The first folder at or above <paramref name="from"/> holding <c>Pipeline.sln</c>; null when there is none.</summary>
    public static string? RepositoryRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>What the commands print when the default came from the repository, e.g. "--experiment: using /repo/experiments/default.json (…)".</summary>
    public string Note(string option, string defaultRelative) =>
        $"{option} not given and {defaultRelative} is not in {Directory.GetCurrentDirectory()}: using {Path} from the repository ipsml was built from";
}
