using Ipsml.Pipelines.Report;

namespace Ipsml.Pipelines.Tests.Report;

public sealed class MarkdownHtmlTests
{
    [Fact]
    public void Tables_keep_right_alignment_and_escaped_pipes()
    {
        var html = MarkdownHtml.Convert("| name | value |\n|---|---:|\n| a\\|b | 1.5 |\n");
        Assert.Contains("<th>name</th><th class=\"num\">value</th>", html);
        Assert.Contains("<td>a|b</td><td class=\"num\">1.5</td>", html);
    }

    [Fact]
    public void Code_inside_bold_is_code_and_markup_in_text_is_escaped()
    {
        Assert.Equal("<strong>Winner: <code>m&lt;1&gt;</code></strong> &amp; <em>all</em>", MarkdownHtml.Inline("**Winner: `m<1>`** & _all_"));
        Assert.Equal("<code>a_b_c</code> x_y_z", MarkdownHtml.Inline("`a_b_c` x_y_z"));
    }

    [Fact]
    public void Headings_lists_links_and_paragraphs()
    {
        var html = MarkdownHtml.Convert("## Plots\n\nSome\ntext.\n\n- [PR](plots/pr.png): curves\n- two\n");
        Assert.Equal("<h2>Plots</h2>\n<p>Some text.</p>\n<ul>\n<li><a href=\"plots/pr.png\">PR</a>: curves</li>\n<li>two</li>\n</ul>\n", html);
    }
}
