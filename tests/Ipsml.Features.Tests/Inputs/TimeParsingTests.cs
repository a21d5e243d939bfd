using System.Globalization;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class TimeParsingTests
{
    private static readonly TimeZoneInfo Berlin = TimeParsing.ResolveZone("Europe/Berlin");

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Theory]
    [InlineData("2018-08-14 19:13:35 UTC", "2018-08-14T19:13:35Z")]
    [InlineData("2018-04-11T00:48:10Z", "2018-04-11T00:48:10Z")]
    [InlineData("2018-04-11T04:28:01", "2018-04-11T04:28:01Z")]
    [InlineData("2016-12-14 21:50:14.344387", "2016-12-14T21:50:14.344387Z")]
    [InlineData("2018-05-06T17:44:05.866769Z", "2018-05-06T17:44:05.866769Z")]
    [InlineData("2015-10-15 14:45:01 (UTC)", "2015-10-15T14:45:01Z")]
    [InlineData("2021-12-20T01:03:32+01:00", "2021-12-20T00:03:32Z")]
    [InlineData("2021-12-20T01:03:32+0100", "2021-12-20T00:03:32Z")]
    [InlineData("2021-12-19 19:03:32 -0500", "2021-12-20T00:03:32Z")]
    [InlineData("2021-12-20 00:03:32 GMT", "2021-12-20T00:03:32Z")]
    [InlineData("2022-05-07T15:08:48.09129712345", "2022-05-07T15:08:48.0912971Z")]
    [InlineData("  2018-04-11T00:48:10Z  ", "2018-04-11T00:48:10Z")]
    public void RowTimesBecomeUtc(string text, string expected)
    {
        Assert.True(TimeParsing.TryParse(text, TimeZoneInfo.Utc, out var utc));
        Assert.Equal(Utc(expected), utc);
        Assert.Equal(TimeSpan.Zero, utc.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2018-04-11")]
    [InlineData("2018-02-29 00:00:00")]
    [InlineData("2018-04-11 24:00:00")]
    [InlineData("2018-04-11 23:60:00")]
    [InlineData("2018-04-11 23:00:60")]
    [InlineData("2018-04-11 23:00:00 CEST")]
    [InlineData("2018-04-11 23:00:00+15:00")]
    [InlineData("2018-04-11 23:00:00.")]
    [InlineData("2018/04/11 23:00:00")]
    [InlineData("11-04-2018 23:00:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void NonsenseIsRefused(string text)
    {
        Assert.False(TimeParsing.TryParse(text, TimeZoneInfo.Utc, out _));
    }

    [Fact]
    public void ZoneLessTimesFollowTheZoneIncludingDaylightSaving()
    {
        Assert.True(TimeParsing.TryParse("2013-01-15 12:00:00", Berlin, out var winter));
        Assert.Equal(Utc("2013-01-15T11:00:00Z"), winter);
        Assert.True(TimeParsing.TryParse("2013-07-15 12:00:00", Berlin, out var summer));
        Assert.Equal(Utc("2013-07-15T10:00:00Z"), summer);
    }

    [Fact]
    public void ALocalTimeSkippedByTheClockChangeIsRefusedAndARepeatedOneIsStandardTime()
    {
        Assert.False(TimeParsing.TryParse("2013-03-31 02:30:00", Berlin, out _));
        Assert.True(TimeParsing.TryParse("2013-10-27 02:30:00", Berlin, out var repeated));
        Assert.Equal(Utc("2013-10-27T01:30:00Z"), repeated);
    }

    [Theory]
    [InlineData("1677024003.714845", "2023-02-22T00:00:03.714845Z")]
    [InlineData("1784798042", "2026-07-23T09:14:02Z")]
    [InlineData("19.981745", "1970-01-01T00:00:19.981745Z")]
    [InlineData("1.677024003714845E9", "2023-02-22T00:00:03.714845Z")]
    public void EpochSecondsAreExact(string text, string expected)
    {
        Assert.True(TimeParsing.TryParseEpochSeconds(text, out var utc));
        Assert.Equal(Utc(expected), utc);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1677024003.")]
    [InlineData("99999999999999")]
    [InlineData("NaN")]
    public void BadEpochSecondsAreRefused(string text)
    {
        Assert.False(TimeParsing.TryParseEpochSeconds(text, out _));
    }

    [Theory]
    [InlineData("Sat, 22 Aug 2026 03:00:29 +0200", "2026-08-22T01:00:29Z")]
    [InlineData("Mon Jan 24 11:16:31 UTC 2022", "2022-01-24T11:16:31Z")]
    [InlineData("Tue Jan  4 14:09:17 UTC 2022", "2022-01-04T14:09:17Z")]
    [InlineData("2021-12-20 00:03:32 UTC                        #", "2021-12-20T00:03:32Z")]
    [InlineData("2025-07-24-20-23-14", "2025-07-24T20:23:14Z")]
    [InlineData("2025-07-24 10:00:06.525037", "2025-07-24T10:00:06.525037Z")]
    [InlineData("22 Aug 2026 03:00:29 GMT", "2026-08-22T03:00:29Z")]
    public void HeaderDatesInEveryFeedStyleParse(string text, string expected)
    {
        Assert.True(TimeParsing.TryParseHeaderDate(text, TimeZoneInfo.Utc, out var utc));
        Assert.Equal(Utc(expected), utc);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("Mon Jan 32 11:16:31 UTC 2022")]
    [InlineData("Mon Foo 24 11:16:31 UTC 2022")]
    [InlineData("Sat, 22 Aug 2026 03:00:29 +2500")]
    [InlineData("2025-07-24-20-23")]
    public void BadHeaderDatesAreRefused(string text)
    {
        Assert.False(TimeParsing.TryParseHeaderDate(text, TimeZoneInfo.Utc, out _));
    }

    [Fact]
    public void UnknownZonesThrowAndEmptyMeansUtc()
    {
        Assert.Same(TimeZoneInfo.Utc, TimeParsing.ResolveZone(null));
        Assert.Same(TimeZoneInfo.Utc, TimeParsing.ResolveZone(""));
        Assert.Throws<ArgumentException>(() => TimeParsing.ResolveZone("Atlantis/Capital"));
    }
}
