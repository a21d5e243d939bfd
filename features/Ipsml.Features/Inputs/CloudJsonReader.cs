using System.Text;
using System.Text.Json;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>cloud-json</c>: published provider ranges as one JSON document. Records (all networks, or addresses when a
/// value has no prefix length) come from:
/// <list type="bullet">
/// <item>string values of the keys <c>ipv4Prefix</c>/<c>ipv6Prefix</c> (Google, Google Cloud), <c>ip_prefix</c>/<c>ipv6_prefix</c>
/// (AWS) and <c>cidr</c> (Oracle): a value that does not parse is BadNetwork;</item>
/// <item>string elements of the arrays <c>addresses</c>/<c>ipv6_addresses</c> (Fastly): likewise;</item>
/// <item>string elements of any other array that parse as a CIDR network (GitHub meta: web, api, actions, ...); other
/// strings there (ssh keys, domain names, tags) are not data and are passed over.</item>
/// </list>
/// The top-level <c>creationTime</c>, <c>createDate</c> or <c>last_updated_timestamp</c> sets the header date (zone-less
/// values read in option "timezone", UTC by default). <see cref="FeedRecord.Line"/> is the physical line of the value
/// in a multi-line document; in a single-line document (Fastly, GitHub) it is the 1-based index of the value among
/// the document's prefixes, so every record still has its own number. A document that stops being valid JSON yields
/// what was read before the fault and one Malformed drop. The format has no comment lines: SkippedLines stays 0.
/// </summary>
internal sealed class CloudJsonReader : FeedReader
{
    private static readonly HashSet<string> PrefixKeys = new(StringComparer.Ordinal) { "ipv4Prefix", "ipv6Prefix", "ip_prefix", "ipv6_prefix", "cidr" };

    private static readonly HashSet<string> AddressArrays = new(StringComparer.Ordinal) { "addresses", "ipv6_addresses" };

    private static readonly HashSet<string> DateKeys = new(StringComparer.Ordinal) { "creationTime", "createDate", "last_updated_timestamp" };

    public override string Format => "cloud-json";

    public override IReadOnlyCollection<string> OptionNames => [ReaderOptions.TimeZone];

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options) => ReaderOptions.Zone(options);

    protected override IEnumerable<FeedItem> ReadValidated(TextReader text, FeedReadContext context)
    {
        var zone = ReaderOptions.Zone(context.Options);
        string content;
        try
        {
            content = text.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return [FeedItem.Dropped(1, DropReason.Malformed, "unreadable: " + Detail.Clip(e.Message))];
        }

        return Parse(Encoding.UTF8.GetBytes(content.TrimStart('\uFEFF')), context, zone);
    }

    private static List<FeedItem> Parse(byte[] json, FeedReadContext context, TimeZoneInfo zone)
    {
        var items = new List<FeedItem>();
        var body = json.AsSpan().TrimEnd("\r\n\t "u8);
        var singleLine = !body.Contains((byte)'\n');
        var containers = new Stack<(string? Property, bool IsArray)>();
        string? property = null;
        long line = 1;
        var counted = 0;
        long index = 0;

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        containers.Push((property, reader.TokenType == JsonTokenType.StartArray));
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        containers.Pop();
                        property = null;
                        break;
                    case JsonTokenType.String:
                        var (container, inArray) = containers.Count > 0 ? containers.Peek() : (null, false);
                        var key = inArray ? container : property;
                        property = null;
                        if (key is null)
                        {
                            break;
                        }

                        var value = reader.GetString() ?? "";
                        if (!inArray && containers.Count == 1 && DateKeys.Contains(key))
                        {
                            if (TimeParsing.TryParseHeaderDate(value, zone, out var date))
                            {
                                context.HeaderDate = date;
                            }

                            break;
                        }

                        var required = inArray ? AddressArrays.Contains(key) : PrefixKeys.Contains(key);
                        if (!required && !(inArray && value.Contains('/') && Net.IpParsing.TryParseNetwork(value.AsSpan().Trim(), out _)))
                        {
                            break;
                        }

                        index++;
                        line += CountNewlines(json, ref counted, (int)reader.TokenStartIndex);
                        items.Add(Tokens.AddressOrNetwork(singleLine ? index : line, value.AsSpan().Trim()));
                        break;
                    default:
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var at = singleLine ? index + 1 : (e.LineNumber ?? 0) + 1;
            items.Add(FeedItem.Dropped(at, DropReason.Malformed, "bad JSON: " + Detail.Clip(e.Message)));
        }

        return items;
    }

    private static long CountNewlines(byte[] json, ref int from, int to)
    {
        var count = json.AsSpan(from, to - from).Count((byte)'\n');
        from = to;
        return count;
    }
}
