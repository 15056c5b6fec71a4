using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cchc.Console.Presentation;

/// <summary>One column of an exported table: its Vietnamese header and the cell of a row.</summary>
/// <param name="Value">
/// A string, a whole or decimal number, a <see cref="DateOnly"/> (a real Excel date shown dd/MM/yyyy),
/// a <see cref="Share"/> (a percentage), or null for an empty cell.
/// </param>
public sealed record ExcelColumn<T>(string Header, Func<T, object?> Value);

/// <summary>A share between 0 and 1, written as a number Excel shows as a percentage (0,0%).</summary>
public readonly record struct Share(double Value);

/// <summary>
/// A table of the console as an Excel workbook (.xlsx, Office Open XML): one sheet with the title on its
/// first line, the day it was made on the second (a real date), the headers on the fourth, then a line per
/// row. Numbers and dates are cells Excel computes with, not text.
/// </summary>
public static class TableExport
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int HeaderRow = 4;

    // Cell formats of the stylesheet below.
    private const uint Bold = 1, DateStyle = 2, PercentStyle = 3;
    private const uint DateFormatId = 164, PercentFormatId = 165;

    public static byte[] Workbook<T>(string sheetName, string title, DateOnly madeOn, IReadOnlyList<ExcelColumn<T>> columns, IEnumerable<T> rows)
    {
        var table = rows.Select(row => columns.Select(c => c.Value(row)).ToArray()).ToList();
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = MakeStylesheet();

            var sheetData = new SheetData();
            sheetData.Append(Line(1, [title], Bold));
            sheetData.Append(Line(2, ["Ngày lập", madeOn], null));
            sheetData.Append(Line(HeaderRow, [.. columns.Select(c => c.Header)], Bold));
            for (var i = 0; i < table.Count; i++)
            {
                sheetData.Append(Line((uint)(HeaderRow + 1 + i), table[i], null));
            }

            var widths = new Columns();
            for (var c = 0; c < columns.Count; c++)
            {
                var longest = table.Select(r => Shown(r[c]).Length).Append(columns[c].Header.Length).Max();
                widths.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Math.Clamp(longest + 2, 10, 60), CustomWidth = true });
            }

            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = new Worksheet(widths, sheetData);
            workbookPart.Workbook.AppendChild(new Sheets()).Append(new Sheet
            {
                Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(sheetName),
            });
        }
        return stream.ToArray();
    }

    /// <summary>Excel's rules for a sheet's name: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    public static string SheetName(string name)
    {
        var clean = new string(name.Select(ch => "[]:*?/\\".Contains(ch) ? '-' : ch).ToArray()).Trim();
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }

    /// <summary>Column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }

    private static Row Line(uint number, object?[] values, uint? style)
    {
        var row = new Row { RowIndex = number };
        for (var c = 0; c < values.Length; c++)
        {
            if (MakeCell(values[c], $"{ColumnName(c)}{number}") is { } cell)
            {
                if (style is { } s)
                {
                    cell.StyleIndex = s;
                }
                row.Append(cell);
            }
        }
        return row;
    }

    private static Cell? MakeCell(object? value, string reference) => value switch
    {
        null => null,
        string text => new Cell
        {
            CellReference = reference, DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        },
        DateOnly day => new Cell
        {
            CellReference = reference, StyleIndex = DateStyle,
            CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
        },
        Share share => new Cell
        {
            CellReference = reference, StyleIndex = PercentStyle,
            CellValue = new CellValue(share.Value.ToString("R", CultureInfo.InvariantCulture)),
        },
        int or long or double or decimal or float => new Cell
        {
            CellReference = reference,
            CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        },
        _ => MakeCell(value.ToString(), reference),
    };

    private static string Shown(object? value) => value switch
    {
        null => "",
        DateOnly => "dd/mm/yyyy",
        Share => "100,0%",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static Stylesheet MakeStylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = PercentFormatId, FormatCode = "0.0%" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new DocumentFormat.OpenXml.Spreadsheet.Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = DateFormatId, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = PercentFormatId, ApplyNumberFormat = true }) { Count = 4 });
}
