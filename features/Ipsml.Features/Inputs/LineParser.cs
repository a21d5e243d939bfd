namespace Ipsml.Features.Inputs;

/// <summary>Parses the lines of one file, in order; holds whatever state the format needs between lines.</summary>
internal abstract class LineParser
{
    /// <summary>The item for a data line, or null for a comment or header line. Never throws for bad content.</summary>
    public abstract FeedItem? Parse(string line, long number);
}
