import { describe, expect, it } from 'vitest'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectOpenApi } from '../../../src/facts/openapi/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import { chains, maskCSharp, segments } from '../../../src/facts/service/routes/csharp-text.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'

const WEB = '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup>\n</Project>\n'
const LIB = '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <FrameworkReference Include="Microsoft.AspNetCore.App" />\n  </ItemGroup>\n</Project>\n'

function scan(files: Record<string, string>): ServiceFacts {
  const snap = new MemorySnapshot(files)
  return collectService(snap, collectManifests(snap))
}

const route = (s: ServiceFacts, path: string) => s.routes.find((r) => r.path === path)
const paths = (s: ServiceFacts) => s.routes.map((r) => `${r.methods.join('/')} ${r.path}`).sort()

describe('ASP.NET Core detection', () => {
  it('a web SDK project is the service; a class library referencing the shared framework is not one', () => {
    const s = scan({ 'src/Api/Api.csproj': WEB, 'src/Shared/Shared.csproj': LIB, 'src/Api/Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n' })
    expect(s.frameworks.map((f) => [f.framework, f.dir, f.text])).toEqual([['aspnetcore', 'src/Api', 'Microsoft.NET.Sdk.Web']])
  })

  it('a test project on the web SDK makes no service', () => {
    const s = scan({ 'tests/Api.IntegrationTests/Api.IntegrationTests.csproj': WEB.replace('</Project>', '<ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" /></ItemGroup></Project>') })
    expect(s.frameworks).toEqual([])
  })
})

describe('ASP.NET Core controllers', () => {
  const files = {
    'Api/Api.csproj': WEB,
    'Lib/Lib.csproj': LIB,
    'Lib/BaseApiController.cs': ['using Microsoft.AspNetCore.Mvc;', '[ApiController]', '[Route("[controller]")]', '[Produces(', '    "application/json")]', 'public class BaseApiController : ControllerBase', '{', '}'].join('\n'),
    'Lib/Controllers/SystemController.cs': [
      'namespace Lib.Controllers;',
      '/// <summary>System.</summary>',
      'public class SystemController : BaseApiController',
      '{',
      '    [HttpGet("Ping", Name = "GetPing")]',
      '    [HttpHead("Ping")]',
      '    public ActionResult<string> Ping() => "pong";',
      '',
      '    // [HttpGet("Commented")]',
      '    [HttpGet("~/alive")]',
      '    public IActionResult Alive()',
      '    {',
      '        return Ok();',
      '    }',
      '',
      '    [HttpGet(Routes.Health)]',
      '    public async Task<IActionResult> Health([FromServices] AppDb db)',
      '    {',
      '        await db.Database.CanConnectAsync();',
      '        return Ok();',
      '    }',
      '}'
    ].join('\n'),
    'Lib/Routes.cs': 'public static class Routes\n{\n    public const string Health = "health/ready";\n}\n',
    'Lib/Controllers/ItemsController.cs': [
      '[Area("Admin")]',
      '[Route("api/[area]/[controller]")]',
      'public class ItemsController : Controller',
      '{',
      '    [HttpGet("{id:int}")]',
      '    public IActionResult Get(int id) { return Ok(); }',
      '    [Route("[action]"), HttpPost]',
      '    public IActionResult Import() { return Ok(); }',
      '    [NonAction]',
      '    public IActionResult Helper() { return Ok(); }',
      '}'
    ].join('\n')
  }

  it('inherits class routes, fills tokens and constants, honours ~/ and merges verbs', () => {
    const s = scan(files)
    expect(paths(s)).toEqual(['GET /System/health/ready', 'GET /alive', 'GET /api/Admin/Items/{id:int}', 'GET/HEAD /System/Ping', 'POST /api/Admin/Items/Import'])
    expect(route(s, '/System/Ping')).toMatchObject({ file: 'Lib/Controllers/SystemController.cs', line: 7, handler: 'SystemController.Ping', touches: [] })
    expect(route(s, '/System/health/ready')!.touches).toEqual([{ token: 'CanConnectAsync', file: 'Lib/Controllers/SystemController.cs', line: 19 }])
  })

  it('routes attribute-free controllers by convention only when the app maps conventional routes', () => {
    const conv = {
      'Web/Web.csproj': WEB,
      'Web/Controllers/HealthController.cs': 'public class HealthController : Controller\n{\n    public IActionResult Index()\n    {\n        return Ok();\n    }\n    public JsonResult Details() => Json(1);\n    private int Helper() => 1;\n}\n'
    }
    expect(paths(scan(conv))).toEqual([])
    const withRoutes = scan({ ...conv, 'Web/Program.cs': 'var app = builder.Build();\napp.MapControllerRoute(name: "default", pattern: "{controller=Home}/{action=Index}/{id?}");\n' })
    expect(paths(withRoutes)).toEqual(['ANY /Health', 'ANY /Health/Details'])
  })
})

describe('ASP.NET Core minimal APIs and health checks', () => {
  const files = {
    'Api/Api.csproj': WEB.replace('</Project>', '<ItemGroup><PackageReference Include="AspNetCore.HealthChecks.NpgSql" /></ItemGroup></Project>'),
    'Api/Program.cs': [
      'var builder = WebApplication.CreateBuilder(args);',
      'builder.Services.AddHealthChecks()',
      '    .AddNpgSql(builder.Configuration.GetConnectionString("db"))',
      '    .AddCheck<QueueHealthCheck>("queue");',
      'builder.Services.AddSqlServer<AppDb>(cs); // EF Core, not a health check',
      'var app = builder.Build();',
      'var api = app.MapGroup("/api/v1").RequireAuthorization();',
      'api.MapGet("/orders/{id}", (int id) => Results.Ok(id));',
      'app.MapGroup("/admin").MapPost("/reindex", Reindex);',
      'app.MapGroup("/items").WithTags("items").MapItemEndpoints();',
      '// app.MapGet("/commented", () => 1);',
      'var text = "app.MapGet(\\"/in-a-string\\")";',
      'app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });',
      'app.MapHealthChecks("/healthz/ready");',
      'app.Run();'
    ].join('\n'),
    'Api/Endpoints/ItemEndpoints.cs': [
      'public static class ItemEndpoints',
      '{',
      '    public static RouteGroupBuilder MapItemEndpoints(this RouteGroupBuilder group)',
      '    {',
      '        group.MapGet("/", List);',
      '        group.MapDelete("/{id}", Delete);',
      '        return group;',
      '    }',
      '}'
    ].join('\n'),
    'Api/Health/QueueHealthCheck.cs': 'public class QueueHealthCheck : IHealthCheck\n{\n    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext c, CancellationToken t)\n    {\n        await _bus.PingAsync(t);\n        return HealthCheckResult.Healthy();\n    }\n}\n'
  }

  it('resolves groups, chains and extension methods called on a group; skips comments and strings', () => {
    const s = scan(files)
    expect(paths(s)).toEqual(['DELETE /items/{id}', 'GET /api/v1/orders/{id}', 'GET /healthz/live', 'GET /healthz/ready', 'GET /items', 'POST /admin/reindex'])
    expect(route(s, '/admin/reindex')).toMatchObject({ handler: 'Reindex', line: 9 })
    expect(route(s, '/items/{id}')).toMatchObject({ file: 'Api/Endpoints/ItemEndpoints.cs', line: 6 })
  })

  it('health routes carry the registered dependency checks, except under a Predicate that runs none', () => {
    const s = scan(files)
    expect(route(s, '/healthz/ready')).toMatchObject({ library: 'ASP.NET Core health checks', line: 14 })
    expect(route(s, '/healthz/ready')!.touches!.map((t) => t.token)).toEqual(['AddNpgSql (PostgreSQL)', 'AddCheck<QueueHealthCheck>'])
    expect(route(s, '/healthz/live')!.touches).toEqual([])
    expect(s.healthLibraries).toEqual([expect.objectContaining({ name: 'ASP.NET Core health checks', routes: ['/healthz/live', '/healthz/ready'] })])
  })

  it('names shared with EF Core and Aspire count only on a health-checks chain or with their package', () => {
    const s = scan({
      'Api/Api.csproj': WEB,
      'Api/Program.cs': 'var hc = builder.Services.AddHealthChecks();\nhc.AddRedis(redis);\nbuilder.AddRabbitMQ("bus"); // HealthChecks mentioned, but an Aspire resource\napp.UseHealthChecks("/health");\n'
    })
    expect(route(s, '/health')!.touches!.map((t) => t.token)).toEqual(['AddRedis (Redis)'])
  })

  it('a custom check that touches nothing is registered but shallow', () => {
    const s = scan({
      'Api/Api.csproj': WEB,
      'Api/Program.cs': 'builder.Services.AddHealthChecks().AddCheck<GcCheck>("gc").AddCheck("self", () => HealthCheckResult.Healthy());\napp.MapHealthChecks("/health");\n',
      'Api/GcCheck.cs': 'class GcCheck : IHealthCheck { public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext c, CancellationToken t) => Task.FromResult(HealthCheckResult.Healthy()); }\n'
    })
    expect(route(s, '/health')!.touches).toEqual([])
  })
})

describe('C# text', () => {
  it('blanks comments and string contents, keeping lines and offsets', () => {
    const src = 'var a = "x // not a comment"; // comment\n/* block\n still */ var b = @"a ""q"" b";\nvar c = \'"\';'
    const t = maskCSharp(src)
    expect(t.code.length).toBe(src.length)
    expect(t.code).toContain('"x // not a comment"')
    expect(t.code).not.toContain('comment\n/*')
    expect(t.bare.split('\n')).toHaveLength(src.split('\n').length)
    expect(t.bare).not.toContain('q')
    expect(segments(t).map((s) => s.text.trim())).toEqual(['var a = "x // not a comment"', 'var b = @"a ""q"" b"', "var c = '\"'"])
  })

  it('reads call chains with generic type arguments, nested ones too', () => {
    const [c] = chains('services.AddHealthChecks().AddCheck<DbCheck<AppDb>>("db", tags: new[] { "ready" }).AddUrlGroup(uri)')
    expect(c!.receiver).toBe('services')
    expect(c!.calls.map((k) => [k.name, k.generic, k.args.length])).toEqual([['AddHealthChecks', '', 0], ['AddCheck', 'DbCheck<AppDb>', 2], ['AddUrlGroup', '', 1]])
  })
})

describe('several ASP.NET Core services in one repository', () => {
  const files = {
    'src/Api/Api.csproj': WEB,
    'src/Api/Startup.cs': 'services.AddSwaggerGen(c => c.SwaggerDoc("public", info));\nservices.AddHealthChecks().AddCheck<DbCheck>("db");\napp.UseSwagger(c => c.RouteTemplate = "specs/{documentName}/swagger.json");\napp.MapHealthChecks("/healthz");\n',
    'src/Billing/Billing.csproj': WEB,
    'src/Billing/Startup.cs': 'services.AddSwaggerGen();\nservices.AddHealthChecks();\napp.MapHealthChecks("/healthz");\n',
    'src/Shared/Shared.csproj': LIB,
    'src/Shared/Health.cs': 'public static class Health { public static void AddShared(this IServiceCollection s) => s.AddHealthChecks().AddUrlGroup(new Uri("https://idp"), "idp"); }\n',
    'src/Api/DbCheck.cs': 'class DbCheck : IHealthCheck { Task<HealthCheckResult> CheckHealthAsync() { await _db.Database.CanConnectAsync(); } }\n'
  }

  it('gives each service its own health checks (and the shared libraries\' ones) and its own OpenAPI serving', () => {
    const snap = new MemorySnapshot(files)
    const manifests = collectManifests(snap)
    const s = collectService(snap, manifests)
    const touches = (file: string) => s.routes.find((r) => r.file === file)!.touches!.map((t) => t.token)
    expect(touches('src/Api/Startup.cs')).toEqual(['AddUrlGroup (HTTP dependency)', 'AddCheck<DbCheck>'])
    expect(touches('src/Billing/Startup.cs')).toEqual(['AddUrlGroup (HTTP dependency)'])
    const gens = collectOpenApi(snap, s, manifests).generators
    expect(gens.map((g) => [g.path, g.servedAt])).toEqual([
      ['src/Api/Startup.cs', '/specs/public/swagger.json'],
      ['src/Billing/Startup.cs', null]
    ])
  })
})

describe('.NET Aspire', () => {
  it('client integrations register health checks that the shared MapDefaultEndpoints routes run', () => {
    const s = scan({
      'src/ServiceDefaults/ServiceDefaults.csproj': LIB,
      'src/ServiceDefaults/Extensions.cs': [
        'public static class Extensions',
        '{',
        '    public static WebApplication MapDefaultEndpoints(this WebApplication app)',
        '    {',
        '        app.MapHealthChecks("/health");',
        '        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });',
        '        return app;',
        '    }',
        '}'
      ].join('\n'),
      'src/Basket/Basket.csproj': WEB,
      'src/Basket/Program.cs': 'builder.AddRedisClient("redis");\nbuilder.AddNpgsqlDataSource("db", s => s.DisableHealthChecks = true);\nvar app = builder.Build();\napp.MapDefaultEndpoints();\n'
    })
    expect(paths(s)).toEqual(['GET /alive', 'GET /health'])
    expect(route(s, '/health')!.touches!.map((t) => t.token)).toEqual(['AddRedisClient (Redis (Aspire))'])
  })
})
