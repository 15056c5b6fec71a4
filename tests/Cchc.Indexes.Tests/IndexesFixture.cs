using Cchc.ServiceDefaults;
using Cchc.Testing;

namespace Cchc.Indexes.Tests;

public sealed class IndexesFixture() : ServiceFixture<Program>(Resources.IndexesDb);
