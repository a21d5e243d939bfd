using Ipsml.Features.Text;

namespace Ipsml.Features.Tests.Text;

/// <summary>The one CSV splitter: strict for the ASN database (<see cref="CsvFields.Split"/>), lenient for feeds (<see cref="CsvFields.TrySplit"/>).</summary>
public sealed class CsvFieldsTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("", new[] { "" })]
    [InlineData("a,", new[] { "a", "" })]
    [InlineData("\"x, y\",z", new[] { "x, y", "z" })]
    [InlineData("\"LLC \"\"SPUTNIK\"\"\",1", new[] { "LLC \"SPUTNIK\"", "1" })]
    [InlineData("\"\"\"\"\"\",", new[] { "\"\"", "" })]
    [InlineData("a\"b,c", new[] { "a\"b", "c" })]
    public void Quoted_fields_lose_their_quotes_and_doubled_quotes_become_one(string line, string[] expected)
    {
        var strict = new CsvField[8];
        var count = CsvFields.Split(line, ',', strict);
        Assert.Equal(expected, strict[..count].Select(f => f.Text(line)));

        var lenient = new List<string>();
        Assert.True(CsvFields.TrySplit(line, ',', lenient));
        Assert.Equal(expected, lenient);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_refused_by_split_and_kept_by_try_split()
    {
        const string line = "\"ab\"c\"d,e";
        Assert.Equal(-1, CsvFields.Split(line, ',', new CsvField[4]));

        var fields = new List<string>();
        Assert.True(CsvFields.TrySplit(line, ',', fields));
        Assert.Equal(["abc\"d", "e"], fields);
    }

    [Theory]
    [InlineData("a,\"unterminated")]
    [InlineData("\"a\"\"")]
    public void An_unclosed_quote_refuses_the_line(string line)
    {
        Assert.Equal(-1, CsvFields.Split(line, ',', new CsvField[4]));
        Assert.False(CsvFields.TrySplit(line, ',', []));
    }

    [Fact]
    public void Split_counts_fields_beyond_the_span_it_fills()
    {
        var fields = new CsvField[2];
        Assert.Equal(5, CsvFields.Split("1,2,3,4,5", ',', fields));
        Assert.Equal(["1", "2"], fields.Select(f => f.Text("1,2,3,4,5")));
    }

    [Fact]
    public void Try_split_reads_every_field_of_a_wide_line()
    {
        var values = Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var fields = new List<string>();
        Assert.True(CsvFields.TrySplit(string.Join('\t', values), '\t', fields));
        Assert.Equal(values, fields);
    }

    [Fact]
    public void Try_split_uses_the_given_separator_and_keeps_commas()
    {
        var fields = new List<string>();
        Assert.True(CsvFields.TrySplit("a,b;\"c;d\";", ';', fields));
        Assert.Equal(["a,b", "c;d", ""], fields);
    }
}
