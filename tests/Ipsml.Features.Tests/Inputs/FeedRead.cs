using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

/// <summary>What one reader made of one text: the items in order and the context after reading.</summary>
internal sealed record FeedRead(IReadOnlyList<FeedItem> Items, FeedReadContext Context)
{
    public IReadOnlyList<FeedRecord> Records => [.. Items.Where(i => i.Record is not null).Select(i => i.Record!.Value)];

    public IReadOnlyList<LineDrop> Drops => [.. Items.Where(i => i.Drop is not null).Select(i => i.Drop!.Value)];

    /// <summary>Reads a string with the named format.</summary>
    public static FeedRead Text(string format, string text, IReadOnlyDictionary<string, string>? options = null)
    {
        var context = new FeedReadContext("test", options);
        using var reader = new StringReader(text);
        return new FeedRead([.. FeedReaders.Get(format).Read(reader, context)], context);
    }

    /// <summary>Reads a shared data file (gzip or not) with the named format.</summary>
    public static FeedRead File(string format, params string[] path) => File(format, null, path);

    public static FeedRead File(string format, IReadOnlyDictionary<string, string>? options, params string[] path)
    {
        var file = TestData.Path(path);
        var context = new FeedReadContext(file, options);
        using var reader = FeedFile.OpenText(file);
        return new FeedRead([.. FeedReaders.Get(format).Read(reader, context)], context);
    }
}
