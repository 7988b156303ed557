import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { everyPracticeFollowed, scanReport } from '../helpers/scan.js'
import { git, tempGitRepo } from '../helpers/tmp-repo.js'

/**
 * A realistic ASP.NET Core service, scanned end to end from a temp git repository: every one of
 * the fourteen checks asserted. Variants take one practice away and show the .NET fix.
 */

const CSPROJ = `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net9.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Swashbuckle.AspNetCore" />
    <PackageReference Include="AspNetCore.HealthChecks.NpgSql" />
    <PackageReference Include="Microsoft.Extensions.Http.Resilience" />
    <PackageReference Include="Microsoft.FeatureManagement.AspNetCore" />
    <PackageReference Include="MinVer" PrivateAssets="all" />
  </ItemGroup>
</Project>
`

const PROGRAM = `using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.FeatureManagement;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddSwaggerGen(c => c.SwaggerDoc("v1", new() { Title = "Orders", Version = "v1" }));
builder.Services.AddFeatureManagement();
builder.Services.AddHealthChecks()
    .AddNpgSql(builder.Configuration.GetConnectionString("Orders")!);
builder.Services.AddHttpClient<PaymentsClient>(c => c.BaseAddress = new Uri("https://payments"))
    .AddStandardResilienceHandler();

var app = builder.Build();
app.UseSwagger();
app.MapControllers();
app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/healthz/ready");

var orders = app.MapGroup("/api/orders");
orders.MapGet("/{id:int}", async (int id, OrderService svc) => await svc.Find(id));
orders.MapPost("/", async (Order order, OrderService svc, IFeatureManager features) =>
    await features.IsEnabledAsync("NewCheckout") ? await svc.CreateV2(order) : await svc.Create(order));

app.Run();
`

const CONTROLLER = `using Microsoft.AspNetCore.Mvc;

namespace Orders.Api.Controllers;

[ApiController]
[Route("api/[controller]")]
public class InvoicesController(InvoiceService invoices) : ControllerBase
{
    [HttpGet("{id}")]
    public async Task<ActionResult<Invoice>> Get(string id) => await invoices.Find(id);
}
`

const PACT = `using PactNet;
using PactNet.Verifier;

public class OrdersProviderTests
{
    [Fact]
    public void HonoursPacts()
    {
        using var verifier = new PactVerifier("Orders");
        verifier.WithHttpEndpoint(new Uri("http://localhost:5000")).WithFileSource(new FileInfo("pacts/web-orders.json")).Verify();
    }
}
`

const CI = `name: CI
on:
  pull_request:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-dotnet@v4
        with:
          dotnet-version: 9.0.x
      - run: dotnet format --verify-no-changes
      - run: dotnet build --configuration Release
      - run: dotnet test --configuration Release --no-build
  codeql:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: github/codeql-action/init@v3
        with:
          languages: csharp
      - uses: github/codeql-action/autobuild@v3
      - uses: github/codeql-action/analyze@v3
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: dotnet publish src/Orders.Api/Orders.Api.csproj /t:PublishContainer -p ContainerRepository=ghcr.io/acme/orders
`

const RELEASE = `on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: softprops/action-gh-release@v2
`

const FILES: Record<string, string> = {
  'Orders.sln': 'Microsoft Visual Studio Solution File, Format Version 12.00\n',
  'global.json': '{ "sdk": { "version": "9.0.100" } }\n',
  'Directory.Build.props': '<Project>\n  <PropertyGroup>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n  </PropertyGroup>\n</Project>\n',
  'src/Orders.Api/Orders.Api.csproj': CSPROJ,
  'src/Orders.Api/Program.cs': PROGRAM,
  'src/Orders.Api/Controllers/InvoicesController.cs': CONTROLLER,
  'src/Orders.Api/Services/OrderService.cs': 'public class OrderService(OrdersDb db)\n{\n    public Task<Order?> Find(int id) => db.Orders.FindAsync(id).AsTask();\n}\n',
  'tests/Orders.Api.Tests/Orders.Api.Tests.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.NET.Test.Sdk" />\n    <PackageReference Include="xunit" />\n    <PackageReference Include="PactNet" />\n  </ItemGroup>\n</Project>\n',
  'tests/Orders.Api.Tests/OrdersProviderTests.cs': PACT,
  'CHANGELOG.md': '# Changelog\n\n## [1.2.0] - 2026-03-01\n\n- Invoices API.\n\n## [1.1.0] - 2026-02-01\n\n- Orders API.\n',
  '.github/workflows/ci.yml': CI,
  '.github/workflows/release.yml': RELEASE
}

async function scan(files: Record<string, string>, tag = true) {
  const dir = tempGitRepo(files)
  if (tag) git(dir, 'tag', 'v1.2.0')
  return await scanReport({ root: dir, config: DEFAULT_CONFIG })
}

const byId = (report: Awaited<ReturnType<typeof scan>>) => Object.fromEntries(report.checks.map((r) => [r.id, r]))

describe('an ASP.NET Core service, end to end', () => {
  it('is judged on all fourteen checks', async () => {
    const report = await scan(FILES)
    const c = byId(report)
    expect(Object.fromEntries(Object.entries(c).map(([id, r]) => [id, r.status]))).toEqual(everyPracticeFollowed())
    expect(c['ci-lint']!.summary).toContain('dotnet format')
    expect(c['type-checking']!.summary).toContain('.NET compiler')
    expect(c['static-analysis']!.summary).toContain('CodeQL')
    expect(c['contract-tests']!.summary).toContain('Pact')
    expect(c['openapi-published']!.summary).toContain('/swagger/v1/swagger.json')
    expect(c['health-endpoint']!.summary).toContain('AddNpgSql (PostgreSQL)')
    expect(c['feature-flags']!.summary).toContain('Microsoft.FeatureManagement')
    expect(c['circuit-breakers']!.summary).toContain('Microsoft.Extensions.Http.Resilience')
    expect(c['container-build']!.summary).toContain('/t:PublishContainer')
  })

  it('shows .NET fixes when practices are missing', async () => {
    const bare: Record<string, string> = {
      'src/Orders.Api/Orders.Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n',
      'src/Orders.Api/Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet("/orders", () => Array.Empty<string>());\napp.Run();\n',
      '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  noop:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n'
    }
    const c = byId(await scan(bare, false))
    const fix = (id: string) => c[id]!.remediation ?? ''
    expect(c['ci-lint']!.status).toBe('fail')
    expect(fix('ci-lint')).toContain('dotnet format --verify-no-changes')
    expect(fix('ci-tests')).toContain('dotnet test')
    expect(fix('type-checking')).toContain('dotnet build')
    expect(fix('health-endpoint')).toContain('MapHealthChecks')
    expect(fix('openapi-published')).toContain('MapOpenApi')
    expect(fix('feature-flags')).toContain('Microsoft.FeatureManagement')
    expect(fix('circuit-breakers')).toContain('AddStandardResilienceHandler')
    expect(fix('container-build')).toContain('mcr.microsoft.com/dotnet/aspnet')
    expect(fix('container-build')).not.toContain('python')
    expect(fix('static-analysis')).toContain('csharp')
    expect(fix('contract-tests')).toContain('ASP.NET Core')
  })
})
