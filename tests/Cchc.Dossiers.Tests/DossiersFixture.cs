using Cchc.ServiceDefaults;
using Cchc.Testing;

namespace Cchc.Dossiers.Tests;

public sealed class DossiersFixture() : ServiceFixture<Program>(Resources.DossiersDb);
