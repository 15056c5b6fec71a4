using Cchc.Console.Presentation;
using Cchc.Directives.V1;
using Cchc.Dossiers.V1;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cchc.Console.Tests;

/// <summary>Exported workbooks read back with the Open XML SDK, as Excel would read them.</summary>
public sealed class ExcelExportTests
{
    private static readonly DateOnly MadeOn = new(2026, 12, 6);

    /// <summary>A sheet's cells by reference: text, a number, or a date (from a number in a dd/mm/yyyy cell), and each cell's number format.</summary>
    internal sealed record ReadSheet(string Name, Dictionary<string, object> Cells, Dictionary<string, string> Formats);

    internal static ReadSheet Read(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single();
        var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
        var styles = workbookPart.WorkbookStylesPart!.Stylesheet;
        var formats = styles.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? new Dictionary<uint, string>();
        var cellFormats = styles.CellFormats!.Elements<CellFormat>().ToList();
        var cells = new Dictionary<string, object>();
        var cellFormatCodes = new Dictionary<string, string>();
        foreach (var cell in part.Worksheet.Descendants<Cell>())
        {
            var reference = cell.CellReference!.Value!;
            var numberFormat = cell.StyleIndex is { } style ? cellFormats[(int)style.Value].NumberFormatId?.Value ?? 0 : 0;
            var code = formats.GetValueOrDefault(numberFormat, "");
            cellFormatCodes[reference] = code;
            if (cell.DataType?.Value == CellValues.InlineString)
            {
                cells[reference] = cell.InlineString!.Text!.Text;
            }
            else
            {
                var number = double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
                cells[reference] = code == "dd/mm/yyyy" ? DateOnly.FromDateTime(DateTime.FromOADate(number)) : number;
            }
        }
        return new ReadSheet(sheet.Name!.Value!, cells, cellFormatCodes);
    }

    [Fact]
    public void The_dashboards_units_table_is_a_workbook_with_Vietnamese_headers_numbers_and_the_day_it_was_made()
    {
        DossierStatisticsRow[] rows =
        [
            new() { Key = "QT.SKHCN.QLCN", Name = "Phòng Quản lý công nghệ", Received = 42, Finished = 40, OnTimeShare = 0.975, OverdueNow = 1, ApologyLetters = 2 },
            new() { Key = "QT.SKHCN.VP", Received = 7, Finished = 7, OnTimeShare = 1 },
        ];

        var sheet = Read(TableExport.Workbook("Hồ sơ theo đơn vị", "Hồ sơ giải quyết theo đơn vị, năm 2026", MadeOn,
            Exports.DossierUnits(r => string.IsNullOrEmpty(r.Name) ? "Văn phòng Sở" : r.Name), rows));

        Assert.Equal("Hồ sơ theo đơn vị", sheet.Name);
        Assert.Equal("Hồ sơ giải quyết theo đơn vị, năm 2026", sheet.Cells["A1"]);
        Assert.Equal("Ngày lập", sheet.Cells["A2"]);
        Assert.Equal(MadeOn, sheet.Cells["B2"]);
        Assert.Equal("dd/mm/yyyy", sheet.Formats["B2"]);
        Assert.Equal(["Đơn vị", "Tiếp nhận", "Đã giải quyết", "Tỷ lệ đúng hạn", "Đang quá hạn", "Phiếu xin lỗi"],
            new[] { "A4", "B4", "C4", "D4", "E4", "F4" }.Select(c => sheet.Cells[c]));
        Assert.Equal("Phòng Quản lý công nghệ", sheet.Cells["A5"]);
        Assert.Equal(42d, sheet.Cells["B5"]);
        Assert.Equal(0.975, sheet.Cells["D5"]);
        Assert.Equal("0.0%", sheet.Formats["D5"]);
        Assert.Equal(2d, sheet.Cells["F5"]);
        Assert.Equal("Văn phòng Sở", sheet.Cells["A6"]);
        Assert.Equal(0d, sheet.Cells["E6"]);
        Assert.False(sheet.Cells.ContainsKey("A7"));
    }

    [Fact]
    public void The_follow_up_offices_tasks_carry_real_dates_and_ongoing_ones_say_so()
    {
        DirectiveTask[] tasks =
        [
            new() { DocumentSymbol = "836/SKHCN-VP", Number = "2.a", Title = "Rà soát quy trình nội bộ", LeadUnitCode = "QT.SKHCN.VP",
                    DueDate = "2026-11-25", Status = DirectiveTaskStatus.DoneLate, WorkingDaysLate = 3, Percent = 100, CompletedOn = "2026-11-30", ChaseUpCount = 2 },
            new() { DocumentSymbol = "35-CT/TU", Number = "1", Title = "Quán triệt chỉ thị", LeadUnitCode = "QT.SKHCN.QLCN",
                    Status = DirectiveTaskStatus.InProgress, Percent = 40 },
        ];

        var sheet = Read(TableExport.Workbook("Nhiệm vụ", "Theo dõi thực hiện nhiệm vụ", MadeOn,
            Exports.Tasks(code => code == "QT.SKHCN.VP" ? "Văn phòng Sở" : "Phòng Quản lý công nghệ"), tasks));

        Assert.Equal(["Văn bản", "Mục", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Tình trạng", "Trễ (ngày làm việc)", "Tiến độ", "Ngày hoàn thành", "Số lần đôn đốc"],
            Enumerable.Range(0, 10).Select(i => sheet.Cells[$"{TableExport.ColumnName(i)}4"]));
        Assert.Equal("Văn phòng Sở", sheet.Cells["D5"]);
        Assert.Equal(new DateOnly(2026, 11, 25), sheet.Cells["E5"]);
        Assert.Equal("dd/mm/yyyy", sheet.Formats["E5"]);
        Assert.Equal("Hoàn thành quá hạn", sheet.Cells["F5"]);
        Assert.Equal(3d, sheet.Cells["G5"]);
        Assert.Equal(1d, sheet.Cells["H5"]);
        Assert.Equal(new DateOnly(2026, 11, 30), sheet.Cells["I5"]);
        Assert.Equal("Thường xuyên", sheet.Cells["E6"]);
        Assert.Equal(0.4, sheet.Cells["H6"]);
        // Not completed: the cell is left empty, not a zero date.
        Assert.False(sheet.Cells.ContainsKey("I6"));
    }

    [Fact]
    public void Task_statistics_end_with_the_totals_row()
    {
        var statistics = new GetTaskStatisticsResponse
        {
            PeriodStart = "2026-01-01", PeriodEnd = "2026-12-31", AsOf = "2026-12-06", Ongoing = 4,
            Totals = new TaskCounts { Total = 9, Overdue = 2, DoneOnTime = 5, InProgress = 2 },
            Units =
            {
                new UnitTaskCounts { UnitCode = "QT.SKHCN.VP", UnitName = "Văn phòng Sở", Counts = new TaskCounts { Total = 6, Overdue = 2, DoneOnTime = 3, InProgress = 1 }, Ongoing = 1 },
                new UnitTaskCounts { UnitCode = "QT.SKHCN.QLCN", Counts = new TaskCounts { Total = 3, DoneOnTime = 2, InProgress = 1 }, Ongoing = 3 },
            },
        };

        var sheet = Read(TableExport.Workbook("Nhiệm vụ theo đơn vị", "Nhiệm vụ", MadeOn, Exports.TaskUnits, Exports.WithTotals(statistics)));

        Assert.Equal("Văn phòng Sở", sheet.Cells["A5"]);
        Assert.Equal(2d, sheet.Cells["G5"]);
        // A unit without a name in the answer keeps its code.
        Assert.Equal("QT.SKHCN.QLCN", sheet.Cells["A6"]);
        Assert.Equal("Tổng cộng", sheet.Cells["A7"]);
        Assert.Equal(9d, sheet.Cells["B7"]);
        Assert.Equal(4d, sheet.Cells["I7"]);
    }

    [Fact]
    public void The_workbook_is_valid_Office_Open_XML()
    {
        DirectiveTask[] tasks = [new() { DocumentSymbol = "35-CT/TU", Title = "Quán triệt", DueDate = "2026-11-25", Percent = 40 }];
        using var document = SpreadsheetDocument.Open(new MemoryStream(TableExport.Workbook("Nhiệm vụ", "Theo dõi", MadeOn, Exports.Tasks(c => c), tasks)), false);

        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Columns_are_lettered_as_in_Excel(int index, string name) => Assert.Equal(name, TableExport.ColumnName(index));

    [Fact]
    public void A_sheet_name_keeps_to_Excels_rules() =>
        Assert.Equal("Nhiệm vụ-Quý 4-2026 theo đơn vị", TableExport.SheetName("Nhiệm vụ/Quý 4:2026 theo đơn vị chủ trì"));
}
