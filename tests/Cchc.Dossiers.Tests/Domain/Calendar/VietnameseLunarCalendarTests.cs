using Cchc.Dossiers.Domain.Calendar;

namespace Cchc.Dossiers.Tests.Domain.Calendar;

public class VietnameseLunarCalendarTests
{
    // Mùng 1 Tết in Vietnam, as the published Vietnamese calendars give it (lịch vạn niên, lịch Tết).
    // Where China's Spring Festival differs because of the time zone (UTC+8) the comment says so.
    public static TheoryData<int, string> TetDates => new()
    {
        { 1985, "1985-01-21" }, // China: 1985-02-20 (Vietnam counted a different month 11 that winter)
        { 1990, "1990-01-27" },
        { 1991, "1991-02-15" },
        { 1992, "1992-02-04" },
        { 1993, "1993-01-23" },
        { 1994, "1994-02-10" },
        { 1995, "1995-01-31" },
        { 1996, "1996-02-19" },
        { 1997, "1997-02-07" },
        { 1998, "1998-01-28" },
        { 1999, "1999-02-16" },
        { 2000, "2000-02-05" },
        { 2001, "2001-01-24" },
        { 2002, "2002-02-12" },
        { 2003, "2003-02-01" },
        { 2004, "2004-01-22" },
        { 2005, "2005-02-09" },
        { 2006, "2006-01-29" },
        { 2007, "2007-02-17" }, // China: 2007-02-18 (the new moon fell before midnight in Hà Nội, after it in Beijing)
        { 2008, "2008-02-07" },
        { 2009, "2009-01-26" },
        { 2010, "2010-02-14" },
        { 2011, "2011-02-03" },
        { 2012, "2012-01-23" },
        { 2013, "2013-02-10" },
        { 2014, "2014-01-31" },
        { 2015, "2015-02-19" },
        { 2016, "2016-02-08" },
        { 2017, "2017-01-28" },
        { 2018, "2018-02-16" },
        { 2019, "2019-02-05" },
        { 2020, "2020-01-25" },
        { 2021, "2021-02-12" },
        { 2022, "2022-02-01" },
        { 2023, "2023-01-22" },
        { 2024, "2024-02-10" },
        { 2025, "2025-01-29" },
        { 2026, "2026-02-17" },
        { 2027, "2027-02-06" },
        { 2028, "2028-01-26" },
        { 2029, "2029-02-13" },
        // The new moon is at 16:07 UT on 02/02/2030: 23:07 in Hà Nội, 00:07 on 03/02 in Beijing. So Tết Canh Tuất
        // is 02/02/2030 in Vietnam; 03/02/2030 is China's Spring Festival (the date often quoted for both).
        { 2030, "2030-02-02" },
    };

    [Theory]
    [MemberData(nameof(TetDates))]
    public void Tet_falls_on_the_published_date(int lunarYear, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), VietnameseLunarCalendar.NewYear(lunarYear));
    }

    [Theory]
    [MemberData(nameof(TetDates))]
    public void The_day_of_Tet_converts_back_to_mung_1_thang_Gieng(int lunarYear, string date)
    {
        Assert.Equal(new LunarDate(1, 1, lunarYear, Leap: false), VietnameseLunarCalendar.ToLunar(DateOnly.Parse(date)));
    }

    [Fact]
    public void The_table_covers_every_year_from_1990_to_2030()
    {
        var years = TetDates.Select(row => (int)row[0]).ToHashSet();

        Assert.All(Enumerable.Range(1990, 41), year => Assert.Contains(year, years));
    }

    [Theory]
    // Giỗ Tổ Hùng Vương as observed: 2024 (18/4), 2025 (7/4), 2026 (26/4, a Sunday); 2027 (16/4).
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    [InlineData(2027, "2027-04-16")]
    public void The_tenth_of_the_third_month_is_the_Hung_Kings_day(int lunarYear, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), VietnameseLunarCalendar.ToSolar(new LunarDate(10, 3, lunarYear, Leap: false)));
    }

    [Fact]
    public void The_last_day_of_the_lunar_year_2026_is_29_Chap()
    {
        // Tết Bính Ngọ 2026: the official schedule calls Monday 16/02/2026 "29 Tết", the last day of Ất Tỵ.
        Assert.Equal(new LunarDate(29, 12, 2025, Leap: false), VietnameseLunarCalendar.ToLunar(new DateOnly(2026, 2, 16)));
    }

    [Fact]
    public void A_leap_month_is_marked_and_round_trips()
    {
        // 2025 (Ất Tỵ) has a leap sixth month, from 25/07/2025 to 22/08/2025.
        var leap = VietnameseLunarCalendar.ToLunar(new DateOnly(2025, 7, 25));

        Assert.Equal(new LunarDate(1, 6, 2025, Leap: true), leap);
        Assert.Equal(new DateOnly(2025, 7, 25), VietnameseLunarCalendar.ToSolar(leap));
        Assert.Equal(new LunarDate(1, 7, 2025, Leap: false), VietnameseLunarCalendar.ToLunar(new DateOnly(2025, 8, 23)));
    }

    [Fact]
    public void Every_day_from_1990_to_2031_round_trips()
    {
        for (var date = new DateOnly(1990, 1, 1); date < new DateOnly(2031, 1, 1); date = date.AddDays(1))
        {
            Assert.Equal(date, VietnameseLunarCalendar.ToSolar(VietnameseLunarCalendar.ToLunar(date)));
        }
    }

    [Fact]
    public void A_leap_month_the_year_does_not_have_is_refused()
    {
        Assert.Throws<ArgumentException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(1, 3, 2026, Leap: true)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(1, 13, 2026, Leap: false)));
    }
}
