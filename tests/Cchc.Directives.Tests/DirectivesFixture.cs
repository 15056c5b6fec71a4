using Cchc.ServiceDefaults;
using Cchc.Testing;

namespace Cchc.Directives.Tests;

public sealed class DirectivesFixture() : ServiceFixture<Program>(Resources.DirectivesDb);

/// <summary>The service as a developer runs it: Development, with the demo organisation seeded.</summary>
public sealed class DevelopmentDirectivesFixture() : ServiceFixture<Program>(Resources.DirectivesDb, "Development");
