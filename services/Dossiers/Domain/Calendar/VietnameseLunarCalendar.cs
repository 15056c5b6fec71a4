namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>A day of the Vietnamese lunisolar calendar (âm lịch); <see cref="Leap"/> marks a day of a leap month (tháng nhuận).</summary>
public readonly record struct LunarDate(int Day, int Month, int Year, bool Leap);

/// <summary>
/// The Vietnamese lunisolar calendar, computed astronomically after Hồ Ngọc Đức's well-known algorithm
/// ("Thuật toán tính âm lịch"): a month starts on the local day of the new moon, the month containing
/// the winter solstice is month 11, and in a year of 13 months the first month without a major solar
/// term (trung khí) is the leap month. Days are counted in Vietnam's time zone, UTC+7 — which is why
/// Vietnam and China, on UTC+8, sometimes start a month or a year on different days (Tết 1985:
/// 21/01 in Vietnam, 20/02 in China; Tết 2007: 17/02 in Vietnam, 18/02 in China).
/// Valid for the Gregorian years this platform deals in (1900–2199 at least). Pure and thread-safe.
/// </summary>
public static class VietnameseLunarCalendar
{
    /// <summary>Hours east of Greenwich the calendar is reckoned in (Vietnam, UTC+7, since 1975 without daylight saving).</summary>
    public const double TimeZone = 7.0;

    // The Julian day number of 0001-01-01 in the proleptic Gregorian calendar (DateOnly.DayNumber 0).
    private const int JulianDayOfDayNumberZero = 1_721_426;
    private const double SynodicMonth = 29.530588853;
    private const double NewMoonEpoch = 2415021.076998695; // the new moon of 1900-01-01 13:52 UT

    /// <summary>The first day of the lunar year <paramref name="lunarYear"/> (mùng 1 Tết), in the Gregorian calendar.</summary>
    public static DateOnly NewYear(int lunarYear) => ToSolar(new LunarDate(1, 1, lunarYear, Leap: false));

    /// <summary>The Gregorian date of a lunar date; throws when <paramref name="lunar"/> names a leap month the year does not have, or a day past the month's end.</summary>
    public static DateOnly ToSolar(LunarDate lunar)
    {
        if (lunar.Month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar.Month, "A lunar month is 1 to 12.");
        }
        if (lunar.Day is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar.Day, "A lunar day is 1 to 30.");
        }

        int a11, b11;
        if (lunar.Month < 11)
        {
            a11 = LunarMonth11(lunar.Year - 1);
            b11 = LunarMonth11(lunar.Year);
        }
        else
        {
            a11 = LunarMonth11(lunar.Year);
            b11 = LunarMonth11(lunar.Year + 1);
        }
        var k = (int)Math.Floor(0.5 + ((a11 - NewMoonEpoch) / SynodicMonth));
        var offset = lunar.Month - 11;
        if (offset < 0)
        {
            offset += 12;
        }
        if (b11 - a11 > 365)
        {
            var leapOffset = LeapMonthOffset(a11);
            var leapMonth = leapOffset - 2;
            if (leapMonth < 0)
            {
                leapMonth += 12;
            }
            if (lunar.Leap && lunar.Month != leapMonth)
            {
                throw new ArgumentException($"Lunar year {lunar.Year} has no leap month {lunar.Month}.", nameof(lunar));
            }
            if (lunar.Leap || offset >= leapOffset)
            {
                offset++;
            }
        }
        else if (lunar.Leap)
        {
            throw new ArgumentException($"Lunar year {lunar.Year} has no leap month.", nameof(lunar));
        }

        var monthStart = NewMoonDay(k + offset);
        var nextMonthStart = NewMoonDay(k + offset + 1);
        if (monthStart + lunar.Day - 1 >= nextMonthStart)
        {
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar.Day, $"That lunar month has {nextMonthStart - monthStart} days.");
        }
        return FromJulianDay(monthStart + lunar.Day - 1);
    }

    /// <summary>The lunar date of a Gregorian date.</summary>
    public static LunarDate ToLunar(DateOnly date)
    {
        var dayNumber = ToJulianDay(date);
        var k = (int)Math.Floor((dayNumber - NewMoonEpoch) / SynodicMonth);
        var monthStart = NewMoonDay(k + 1);
        if (monthStart > dayNumber)
        {
            monthStart = NewMoonDay(k);
        }
        var a11 = LunarMonth11(date.Year);
        var b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = date.Year;
            a11 = LunarMonth11(date.Year - 1);
        }
        else
        {
            lunarYear = date.Year + 1;
            b11 = LunarMonth11(date.Year + 1);
        }
        var lunarDay = dayNumber - monthStart + 1;
        var diff = (int)Math.Floor((monthStart - a11) / 29.0);
        var leap = false;
        var lunarMonth = diff + 11;
        if (b11 - a11 > 365)
        {
            var leapMonthDiff = LeapMonthOffset(a11);
            if (diff >= leapMonthDiff)
            {
                lunarMonth = diff + 10;
                leap = diff == leapMonthDiff;
            }
        }
        if (lunarMonth > 12)
        {
            lunarMonth -= 12;
        }
        if (lunarMonth >= 11 && diff < 4)
        {
            lunarYear--;
        }
        return new LunarDate(lunarDay, lunarMonth, lunarYear, leap);
    }

    private static int ToJulianDay(DateOnly date) => date.DayNumber + JulianDayOfDayNumberZero;

    private static DateOnly FromJulianDay(int julianDay) => DateOnly.FromDayNumber(julianDay - JulianDayOfDayNumberZero);

    /// <summary>The local Julian day number of the k-th new moon after the epoch (Meeus, "Astronomical Algorithms", ch. 47, abridged).</summary>
    private static int NewMoonDay(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        const double dr = Math.PI / 180;
        var jd1 = 2415020.75933 + (29.53058868 * k) + (0.0001178 * t2) - (0.000000155 * t3);
        jd1 += 0.00033 * Math.Sin((166.56 + (132.87 * t) - (0.009173 * t2)) * dr);
        var m = 359.2242 + (29.10535608 * k) - (0.0000333 * t2) - (0.00000347 * t3);
        var mpr = 306.0253 + (385.81691806 * k) + (0.0107306 * t2) + (0.00001236 * t3);
        var f = 21.2964 + (390.67050646 * k) - (0.0016528 * t2) - (0.00000239 * t3);
        var c1 = ((0.1734 - (0.000393 * t)) * Math.Sin(m * dr)) + (0.0021 * Math.Sin(2 * dr * m));
        c1 = c1 - (0.4068 * Math.Sin(mpr * dr)) + (0.0161 * Math.Sin(dr * 2 * mpr));
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + (0.0104 * Math.Sin(dr * 2 * f)) - (0.0051 * Math.Sin(dr * (m + mpr)));
        c1 = c1 - (0.0074 * Math.Sin(dr * (m - mpr))) + (0.0004 * Math.Sin(dr * ((2 * f) + m)));
        c1 = c1 - (0.0004 * Math.Sin(dr * ((2 * f) - m))) - (0.0006 * Math.Sin(dr * ((2 * f) + mpr)));
        c1 = c1 + (0.0010 * Math.Sin(dr * ((2 * f) - mpr))) + (0.0005 * Math.Sin(dr * ((2 * mpr) + m)));
        var deltaT = t < -11
            ? 0.001 + (0.000839 * t) + (0.0002261 * t2) - (0.00000845 * t3) - (0.000000081 * t * t3)
            : -0.000278 + (0.000265 * t) + (0.000262 * t2);
        var jdNew = jd1 + c1 - deltaT;
        return (int)Math.Floor(jdNew + 0.5 + (TimeZone / 24));
    }

    /// <summary>Which twelfth of the ecliptic (0–11, 30° each from the vernal equinox) the sun is in at local midnight starting <paramref name="julianDay"/>.</summary>
    private static int SunLongitudeSector(int julianDay)
    {
        var t = (julianDay - 2451545.5 - (TimeZone / 24)) / 36525;
        var t2 = t * t;
        const double dr = Math.PI / 180;
        var m = 357.52910 + (35999.05030 * t) - (0.0001559 * t2) - (0.00000048 * t * t2);
        var l0 = 280.46645 + (36000.76983 * t) + (0.0003032 * t2);
        var dl = (1.914600 - (0.004817 * t) - (0.000014 * t2)) * Math.Sin(dr * m);
        dl = dl + ((0.019993 - (0.000101 * t)) * Math.Sin(dr * 2 * m)) + (0.000290 * Math.Sin(dr * 3 * m));
        var l = (l0 + dl) * dr;
        l -= Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
        return (int)Math.Floor(l / Math.PI * 6);
    }

    /// <summary>The first day of lunar month 11 (the month of the winter solstice) that starts in Gregorian year <paramref name="year"/> or just before.</summary>
    private static int LunarMonth11(int year)
    {
        var off = ToJulianDay(new DateOnly(year, 12, 31)) - 2415021;
        var k = (int)Math.Floor(off / SynodicMonth);
        var newMoon = NewMoonDay(k);
        // The sun past 270° (sector 9) at that new moon: the solstice is already behind, so month 11 began a moon earlier.
        return SunLongitudeSector(newMoon) >= 9 ? NewMoonDay(k - 1) : newMoon;
    }

    /// <summary>In a 13-month year starting at month 11 <paramref name="a11"/>: how many months after it the leap month comes (the first without a major term).</summary>
    private static int LeapMonthOffset(int a11)
    {
        var k = (int)Math.Floor(((a11 - NewMoonEpoch) / SynodicMonth) + 0.5);
        int last;
        var i = 1;
        var arc = SunLongitudeSector(NewMoonDay(k + i));
        do
        {
            last = arc;
            i++;
            arc = SunLongitudeSector(NewMoonDay(k + i));
        }
        while (arc != last && i < 14);
        return i - 1;
    }
}
