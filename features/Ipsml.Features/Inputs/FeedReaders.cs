namespace Ipsml.Features.Inputs;

/// <summary>
/// The readers by format name, as <c>data/feeds.json</c> names them. <c>toplist</c> (rank,domain lists) has no
/// addresses and is read by <see cref="TopListReader"/> instead.
/// </summary>
public static class FeedReaders
{
    private static readonly Dictionary<string, FeedReader> ByFormat = new FeedReader[]
    {
        new TimeIpReader(),
        new IpListReader("ip-list"),
        new IpListReader("netset"),
        new IpsumReader(),
        new FeodoCsvReader(),
        new SslblCsvReader(),
        new SpamhausDropJsonReader(),
        new CowrieJsonReader(),
        new HeraldingCsvReader(),
        new DionaeaCsvReader(),
        new MarxCsvReader(),
        new ZeekConnReader(),
        new ZeekConnJsonReader(),
        new BinetflowReader(),
        new ConnectionCsvReader(),
        new RankDomainIpReader(),
        new GeofeedCsvReader(),
        new CloudJsonReader(),
    }.ToDictionary(r => r.Format, StringComparer.Ordinal);

    /// <summary>Every format <see cref="Get"/> knows, sorted.</summary>
    public static IReadOnlyCollection<string> Formats { get; } = [.. ByFormat.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The reader of a format.</summary>
    /// <exception cref="ArgumentException">The format is unknown (the message lists the known ones) or is <c>toplist</c>.</exception>
    public static IFeedReader Get(string format) => Find(format);

    /// <summary>
    /// Checks a feed's options against its format before any reading: throws <see cref="ArgumentException"/> for an
    /// unknown format, an option the format does not take, or a bad value (an unknown time zone, remote=sideways).
    /// For <c>toplist</c> no options are accepted.
    /// </summary>
    public static void ValidateOptions(string format, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (format == TopListReader.FormatName)
        {
            if (options.Count > 0)
            {
                throw new ArgumentException($"format '{format}' has no options (got '{options.Keys.First()}')", nameof(options));
            }

            return;
        }

        Find(format).ValidateOptions(options);
    }

    /// <summary>The options a format accepts.</summary>
    public static IReadOnlyCollection<string> OptionNames(string format) =>
        format == TopListReader.FormatName ? [] : Find(format).OptionNames;

    private static FeedReader Find(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (ByFormat.TryGetValue(format, out var reader))
        {
            return reader;
        }

        if (format == TopListReader.FormatName)
        {
            throw new ArgumentException($"format '{format}' has no addresses; read it with {nameof(TopListReader)}", nameof(format));
        }

        throw new ArgumentException($"unknown feed format '{format}'; known formats: {string.Join(", ", Formats)}", nameof(format));
    }
}
