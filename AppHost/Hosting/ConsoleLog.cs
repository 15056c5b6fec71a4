namespace Cchc.AppHost.Hosting;

/// <summary>Writes every line of every resource with its name as prefix, one colour per resource.</summary>
public sealed class ConsoleLog
{
    private static readonly ConsoleColor[] Palette =
        [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Magenta, ConsoleColor.Yellow, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkMagenta];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ConsoleColor> _colours = [];
    private readonly int _width;
    private readonly bool _colour = !Console.IsOutputRedirected;

    public ConsoleLog(IEnumerable<string> names)
    {
        var all = names.Append("apphost").ToList();
        _width = all.Max(n => n.Length);
        foreach (var (name, i) in all.Select((n, i) => (n, i)))
        {
            _colours[name] = name == "apphost" ? ConsoleColor.White : Palette[i % Palette.Length];
        }
    }

    public void Line(string resource, string text, bool error = false)
    {
        lock (_gate)
        {
            if (_colour)
            {
                Console.ForegroundColor = _colours.GetValueOrDefault(resource, ConsoleColor.Gray);
            }
            Console.Out.Write(resource.PadRight(_width));
            Console.Out.Write(" | ");
            if (_colour)
            {
                Console.ForegroundColor = error ? ConsoleColor.Red : ConsoleColor.Gray;
            }
            Console.Out.WriteLine(text);
            if (_colour)
            {
                Console.ResetColor();
            }
        }
    }

    public void Info(string text) => Line("apphost", text);

    public void Error(string text) => Line("apphost", text, error: true);
}
