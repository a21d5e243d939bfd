using System.IO.Compression;
using System.Text;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

[Trait("Category", "SharedData")]
public sealed class FeedFileTests : IDisposable
{
    private const string Text = "# list\r\n1.2.3.4\r\n5.6.7.0/24";

    private readonly string folder = Directory.CreateTempSubdirectory("ipsml-feedfile-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return memory.ToArray();
    }

    private static string ReadAll(string path)
    {
        using var reader = FeedFile.OpenText(path);
        return reader.ReadToEnd();
    }

    [Fact]
    public void PlainTextIsReadAsIs()
    {
        Assert.Equal(Text, ReadAll(Write("list.txt", Encoding.UTF8.GetBytes(Text))));
    }

    [Fact]
    public void Utf8ByteOrderMarkIsRemoved()
    {
        Assert.Equal(Text, ReadAll(Write("list.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Text)])));
    }

    [Fact]
    public void GzipIsDetectedByMagicBytesNotByName()
    {
        Assert.Equal(Text, ReadAll(Write("list.txt", Gzip(Encoding.UTF8.GetBytes(Text)))));
    }

    [Fact]
    public void ZipGivesItsFirstFileEntry()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("data/");
            using (var writer = new StreamWriter(zip.CreateEntry("data/dionaeaClean2.csv").Open()))
            {
                writer.Write(Text);
            }

            using (var writer = new StreamWriter(zip.CreateEntry("data/other.csv").Open()))
            {
                writer.Write("other");
            }
        }

        Assert.Equal(Text, ReadAll(Write("archive.zip", memory.ToArray())));
    }

    [Fact]
    public void TheRealHeraldingGzipOpensAsText()
    {
        using var reader = FeedFile.OpenText(TestData.Path("heralding-covertlabs", "heralding_activity.log.gz"));
        Assert.Equal("timestamp,auth_id,session_id,source_ip,source_port,destination_ip,destination_port,protocol,username,password", reader.ReadLine());
    }

    [Fact]
    public void InvalidUtf8BecomesReplacementCharactersAndADropNotAnException()
    {
        var path = Write("list.txt", [.. Encoding.UTF8.GetBytes("1.2.3.4\n1.2."), 0xFF, .. Encoding.UTF8.GetBytes("3.4\n")]);
        var context = new FeedReadContext(path);
        using var reader = FeedFile.OpenText(path);
        var items = FeedReaders.Get("ip-list").Read(reader, context).ToList();
        Assert.NotNull(items[0].Record);
        Assert.Equal((2L, DropReason.BadAddress), (items[1].Drop!.Value.Line, items[1].Drop!.Value.Reason));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("scrambled")]
    public void DamagedGzipEndsTheReadWithOneMalformedDropAfterWhatCouldBeRead(string damage)
    {
        // .NET's GZipStream itself reads both of these without complaint, as a shorter or garbled list.
        var lines = string.Join("\n", Enumerable.Range(0, 20000).Select(i => $"10.{i / 256 % 256}.{i % 256}.1"));
        var gzip = Gzip(Encoding.UTF8.GetBytes(lines));
        if (damage == "truncated")
        {
            gzip = gzip[..(gzip.Length / 2)];
        }
        else
        {
            for (var i = gzip.Length / 2; i < gzip.Length - 8; i++)
            {
                gzip[i] ^= 0x5A;
            }
        }

        var path = Write("broken.gz", gzip);
        var context = new FeedReadContext(path);
        using var reader = FeedFile.OpenText(path);
        var items = FeedReaders.Get("ip-list").Read(reader, context).ToList();
        Assert.True(items.Count(i => i.Record is not null) > 1000);
        var last = items[^1].Drop;
        Assert.NotNull(last);
        Assert.Equal(DropReason.Malformed, last.Value.Reason);
        Assert.StartsWith("unreadable", last.Value.Detail);
        Assert.Equal(items.Count, last.Value.Line - context.SkippedLines);
    }

    [Fact]
    public void NonSeekableStreamsAreRefused()
    {
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream();
        Assert.Throws<ArgumentException>(() => FeedFile.OpenText(pipe));
    }
}
