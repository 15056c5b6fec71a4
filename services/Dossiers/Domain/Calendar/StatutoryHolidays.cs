using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>Which day the government adds to Quốc khánh (2/9) when nothing official says yet.</summary>
public enum NationalDayAdjacentDay
{
    /// <summary>
    /// The one that joins 2/9 to the weekend: 3/9 when 2/9 is a Monday (2024) or a Thursday, 1/9 when it
    /// is a Tuesday (2025), a Friday or a Saturday; 1/9 when neither joins it (Wednesday: 2026); 3/9 when
    /// 2/9 is a Sunday, the weekday that 1/9 (a Saturday) is not. 2024–2026 are the official schedules
    /// shipped; 2021 (Thursday → 3/9), 2022 (Friday → 1/9) and 2023 (Saturday → 1/9) are from memory,
    /// not checked against the decisions.
    /// </summary>
    TowardsWeekend,
    /// <summary>Always 1/9.</summary>
    Before,
    /// <summary>Always 3/9.</summary>
    After,
}

/// <summary>How the days the Labour Code leaves to the Prime Minister's yearly decision are proposed.</summary>
/// <param name="TetDaysBeforeNewYear">Of Tết's five days, how many fall before mùng 1 (1: the last day of the year and mùng 1–4, as in 2026; 2024 and 2025 took 2).</param>
/// <param name="NationalDayAdjacent">The day added to 2/9.</param>
public sealed record HolidayPattern(int TetDaysBeforeNewYear = 1, NationalDayAdjacentDay NationalDayAdjacent = NationalDayAdjacentDay.TowardsWeekend)
{
    public static HolidayPattern Default { get; } = new();
}

/// <summary>
/// The public holidays of any year as the Labour Code gives them, for years whose official schedule is not
/// known yet: Bộ luật Lao động 2019 (45/2019/QH14), Điều 112(1) — 1/1; Tết Âm lịch, five days; 30/4; 1/5;
/// 2/9 and one day before or after it; 10/3 âm lịch (Giỗ Tổ Hùng Vương) — with Tết and the Hùng Kings'
/// day found on <see cref="VietnameseLunarCalendar"/>, and, where a holiday falls on the weekly rest day
/// (Saturday, Sunday), a compensatory day off on the next working day (Điều 111(3)). Years before 2021
/// follow Bộ luật Lao động 2012 (Điều 115), whose Quốc khánh is 2/9 alone. The swaps the Prime Minister
/// approves each year (a weekday off against a working Saturday) cannot be derived and are not proposed.
/// </summary>
public static class StatutoryHolidays
{
    public const string LabourCode = "Bộ luật Lao động 2019, Điều 112";
    private const string LabourCode2012 = "Bộ luật Lao động 2012, Điều 115";
    private const string Provisional = "; tính theo luật, chưa có lịch nghỉ chính thức";

    private static readonly string[] Stems = ["Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ"];
    private static readonly string[] Branches = ["Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi"];

    /// <summary>The holidays and compensatory days of Gregorian year <paramref name="year"/>, ordered by date.</summary>
    public static IReadOnlyList<CalendarException> For(int year, HolidayPattern? pattern = null)
    {
        pattern ??= HolidayPattern.Default;
        if (pattern.TetDaysBeforeNewYear is < 0 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(pattern), pattern.TetDaysBeforeNewYear, "Tết has five days; 0 to 5 of them may fall before mùng 1.");
        }
        var code = year >= 2021 ? LabourCode : LabourCode2012;
        var reference = code + Provisional;
        var compensatoryCode = year >= 2021 ? "Bộ luật Lao động 2019, Điều 111(3), Điều 112" : LabourCode2012;
        var holidays = new List<(DateOnly Date, string Name)>
        {
            (new DateOnly(year, 1, 1), "Tết Dương lịch"),
            (new DateOnly(year, 4, 30), "Ngày Chiến thắng"),
            (new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động"),
            (new DateOnly(year, 9, 2), "Quốc khánh"),
        };
        if (year >= 2021)
        {
            holidays.Add((NationalDayAdjacent(year, pattern.NationalDayAdjacent), "Quốc khánh"));
        }

        var newYear = VietnameseLunarCalendar.NewYear(year);
        var tet = $"Tết Nguyên đán {YearName(year)}";
        for (var i = 0; i < 5; i++)
        {
            holidays.Add((newYear.AddDays(i - pattern.TetDaysBeforeNewYear), tet));
        }
        var hungKings = VietnameseLunarCalendar.ToSolar(new LunarDate(10, 3, year, Leap: false));
        holidays.Add((hungKings, $"Giỗ Tổ Hùng Vương (10/3 âm lịch {YearName(year)})"));
        holidays.Sort((a, b) => a.Date.CompareTo(b.Date));

        var offDays = holidays.Select(h => h.Date).ToHashSet();
        var result = new List<CalendarException>();
        foreach (var (date, name) in holidays)
        {
            if (!IsWeekend(date))
            {
                result.Add(new CalendarException(date, CalendarDayKind.Holiday, name, reference));
                continue;
            }
            // Điều 111(3): the rest day lost to a holiday is taken on the next working day — after the
            // holidays that follow it and after compensatory days already given.
            var compensatory = date.AddDays(1);
            while (IsWeekend(compensatory) || offDays.Contains(compensatory))
            {
                compensatory = compensatory.AddDays(1);
            }
            offDays.Add(compensatory);
            result.Add(new CalendarException(compensatory, CalendarDayKind.Compensatory,
                $"Nghỉ bù {name} (rơi vào {DayName(date)} {date:dd/MM/yyyy})", compensatoryCode + Provisional));
        }
        return result.OrderBy(d => d.Date).ToList();
    }

    /// <summary>The name of the lunar year starting in Gregorian <paramref name="year"/> (e.g. 2027: Đinh Mùi).</summary>
    public static string YearName(int year) => $"{Stems[Mod(year, 10)]} {Branches[Mod(year, 12)]}";

    private static DateOnly NationalDayAdjacent(int year, NationalDayAdjacentDay rule)
    {
        var nationalDay = new DateOnly(year, 9, 2);
        var before = nationalDay.AddDays(-1);
        var after = nationalDay.AddDays(1);
        return rule switch
        {
            NationalDayAdjacentDay.Before => before,
            NationalDayAdjacentDay.After => after,
            _ => nationalDay.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Thursday or DayOfWeek.Sunday ? after : before,
        };
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string DayName(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday ? "Chủ nhật" : "thứ Bảy";

    private static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
