import { describe, expect, it } from 'vitest'
import { manifestEcosystem, sourceKindOf } from '../../../src/facts/ecosystems.js'
import { scanImports, moduleMatches } from '../../../src/facts/imports.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { ownPackage } from '../../../src/facts/service/own-package.js'

function collect(files: Record<string, string>) {
  const facts = collectManifests(new MemorySnapshot(files))
  return { facts, all: facts.manifests.flatMap((m) => m.dependencies.map((d) => ({ name: d.name, eco: d.ecosystem, manifest: d.manifest, line: d.line, dev: d.dev }))) }
}

describe('Cargo.toml', () => {
  it('reads dependency tables, target tables, sub-tables and renames, with lines; workspace pins are no use', () => {
    const { facts, all } = collect({
      'Cargo.toml': ['[workspace]', 'members = ["crates/*"]', '', '[workspace.dependencies]', 'axum = "0.8"'].join('\n'),
      'crates/api/Cargo.toml': [
        '[package]', // 1
        'name = "api"',
        '',
        '[dependencies]', // 4
        'axum = { workspace = true }', // 5
        'tokio = { version = "1", features = ["full"] }', // 6
        'http2 = { package = "h2", version = "0.4" }', // 7
        '"reqwest-retry" = "0.7"', // 8
        '',
        '[dev-dependencies]', // 10
        'axum-test = "17"', // 11
        '',
        '[build-dependencies]',
        'vergen = "9"', // 14
        '',
        "[target.'cfg(unix)'.dependencies]", // 16
        'nix = "0.29"', // 17
        '',
        '[dependencies.utoipa]', // 19
        'version = "5"'
      ].join('\n')
    })
    expect(facts.problems).toEqual([])
    expect(all).toEqual([
      { name: 'axum', eco: 'rust', manifest: 'crates/api/Cargo.toml', line: 5, dev: false },
      { name: 'tokio', eco: 'rust', manifest: 'crates/api/Cargo.toml', line: 6, dev: false },
      { name: 'h2', eco: 'rust', manifest: 'crates/api/Cargo.toml', line: 7, dev: false },
      { name: 'reqwest-retry', eco: 'rust', manifest: 'crates/api/Cargo.toml', line: 8, dev: false },
      { name: 'utoipa', eco: 'rust', manifest: 'crates/api/Cargo.toml', line: 19, dev: false },
      { name: 'axum-test', eco: 'rust', manifest: 'crates/api/Cargo.toml', line: 11, dev: true },
      { name: 'vergen', eco: 'rust', manifest: 'crates/api/Cargo.toml', line: 14, dev: true },
      { name: 'nix', eco: 'rust', manifest: 'crates/api/Cargo.toml', line: 17, dev: false }
    ])
    expect(facts.manifests.find((m) => m.path === 'Cargo.toml')!.workspaces).toEqual(['crates/*'])
  })

  it('turns broken TOML into a problem with its line', () => {
    const { facts } = collect({ 'Cargo.toml': '[dependencies]\naxum = \n' })
    expect(facts.problems[0]).toMatchObject({ path: 'Cargo.toml', line: 2 })
  })
})

describe('composer.json', () => {
  it('reads require and require-dev, lower-cased, without platform requirements', () => {
    const { all } = collect({
      'composer.json': JSON.stringify({ name: 'acme/api', require: { php: '^8.2', 'ext-json': '*', 'laravel/framework': '^11', 'Laravel/Pennant': '^1' }, 'require-dev': { 'phpstan/phpstan': '^2' } }, null, 2)
    })
    expect(all).toEqual([
      { name: 'laravel/framework', eco: 'php', manifest: 'composer.json', line: 6, dev: false },
      { name: 'laravel/pennant', eco: 'php', manifest: 'composer.json', line: 7, dev: false },
      { name: 'phpstan/phpstan', eco: 'php', manifest: 'composer.json', line: 10, dev: true }
    ])
  })

  it('keeps vendored packages out', () => {
    expect(collect({ 'vendor/x/y/composer.json': '{"require": {"a/b": "1"}}' }).all).toEqual([])
  })
})

describe('.NET projects', () => {
  it('reads package and framework references and the web SDK; comments and version pins are no references', () => {
    const { all } = collect({
      'src/Api/Api.csproj': [
        '<Project Sdk="Microsoft.NET.Sdk.Web">', // 1
        '  <ItemGroup>',
        '    <PackageReference Include="Polly" Version="8.4.0" />', // 3
        '    <!-- <PackageReference Include="LaunchDarkly.ServerSdk" Version="8" /> -->',
        '    <PackageReference',
        '        Include="Swashbuckle.AspNetCore"', // 6 (the tag starts on 5)
        '        Version="6.5.0" />',
        '    <PackageReference Include="StyleCop.Analyzers" Version="1.1" PrivateAssets="all" />', // 8
        '    <FrameworkReference Include="Microsoft.AspNetCore.App" />', // 9
        '  </ItemGroup>',
        '</Project>'
      ].join('\n'),
      'Directory.Packages.props': '<Project>\n  <ItemGroup>\n    <PackageVersion Include="Polly" Version="8.4.0" />\n    <GlobalPackageReference Include="Roslynator.Analyzers" Version="4" />\n  </ItemGroup>\n</Project>',
      'tests/Api.Tests/Api.Tests.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="xunit" Version="2" />\n  </ItemGroup>\n</Project>'
    })
    expect(all).toEqual([
      { name: 'Roslynator.Analyzers', eco: 'dotnet', manifest: 'Directory.Packages.props', line: 4, dev: true },
      { name: 'Microsoft.NET.Sdk.Web', eco: 'dotnet', manifest: 'src/Api/Api.csproj', line: 1, dev: false },
      { name: 'Polly', eco: 'dotnet', manifest: 'src/Api/Api.csproj', line: 3, dev: false },
      { name: 'Swashbuckle.AspNetCore', eco: 'dotnet', manifest: 'src/Api/Api.csproj', line: 5, dev: false },
      { name: 'StyleCop.Analyzers', eco: 'dotnet', manifest: 'src/Api/Api.csproj', line: 8, dev: true },
      { name: 'Microsoft.AspNetCore.App', eco: 'dotnet', manifest: 'src/Api/Api.csproj', line: 9, dev: false },
      { name: 'Microsoft.NET.Sdk', eco: 'dotnet', manifest: 'tests/Api.Tests/Api.Tests.csproj', line: 1, dev: true },
      { name: 'xunit', eco: 'dotnet', manifest: 'tests/Api.Tests/Api.Tests.csproj', line: 3, dev: true }
    ])
  })
})

describe('mix.exs', () => {
  it('reads the deps function: only/runtime options make development dependencies; umbrella apps are workspaces', () => {
    const { facts, all } = collect({
      'mix.exs': [
        'defmodule MyApp.MixProject do', // 1
        '  use Mix.Project',
        '  def project, do: [app: :my_app, apps_path: "apps", deps: deps()]',
        '  defp deps do', // 4
        '    [',
        '      {:phoenix, "~> 1.7"}, # 6',
        '      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},', // 7
        '      {:dialyxir, "~> 1.4",', // 8
        '       only: :dev, runtime: false},',
        '      # {:fun_with_flags, "~> 1.12"},',
        '      {:tesla, "~> 1.9", only: [:dev, :prod]}', // 11
        '    ]',
        '  end',
        '  defp other, do: {:ok, :value}',
        'end'
      ].join('\n')
    })
    expect(all).toEqual([
      { name: 'phoenix', eco: 'elixir', manifest: 'mix.exs', line: 6, dev: false },
      { name: 'credo', eco: 'elixir', manifest: 'mix.exs', line: 7, dev: true },
      { name: 'dialyxir', eco: 'elixir', manifest: 'mix.exs', line: 8, dev: true },
      { name: 'tesla', eco: 'elixir', manifest: 'mix.exs', line: 11, dev: false }
    ])
    expect(facts.manifests[0]!.workspaces).toEqual(['apps/*'])
  })
})

describe('the ecosystems table', () => {
  it('names manifests and sources of every ecosystem', () => {
    expect(['Cargo.toml', 'composer.json', 'Api.csproj', 'App.fsproj', 'mix.exs', 'requirements-dev.txt', 'Gemfile', 'x.csproj.user'].map(manifestEcosystem)).toEqual(['rust', 'php', 'dotnet', 'dotnet', 'elixir', 'python', 'ruby', undefined])
    expect(['src/main.rs', 'app/Http/Kernel.php', 'resources/views/a.blade.php', 'Program.cs', 'lib/app_web/router.ex', 'lib/x.heex', 'types.d.ts'].map(sourceKindOf)).toEqual([
      { ecosystem: 'rust', template: false },
      { ecosystem: 'php', template: false },
      { ecosystem: 'php', template: true },
      { ecosystem: 'dotnet', template: false },
      { ecosystem: 'elixir', template: false },
      { ecosystem: 'elixir', template: true },
      null
    ])
  })
})

describe('imports of the new ecosystems', () => {
  const mods = (eco: Parameters<typeof scanImports>[0], src: string) => scanImports(eco, src.split('\n')).map((i) => i.module)
  it('reads use/using/alias lines and matches modules by their separator', () => {
    expect(mods('rust', 'use axum::{routing::get, Router};\npub use crate::x;\nextern crate serde;\nlet used = 1;')).toEqual(['axum', 'crate::x', 'serde'])
    expect(mods('php', 'use Laravel\\Pennant\\Feature;\nuse function Foo\\bar;\n$use = 1;')).toEqual(['Laravel\\Pennant\\Feature', 'Foo\\bar'])
    expect(mods('dotnet', 'using Polly;\nglobal using Microsoft.FeatureManagement;\nusing Json = System.Text.Json;\nusing (var s = Open()) {}')).toEqual(['Polly', 'Microsoft.FeatureManagement', 'System.Text.Json'])
    expect(mods('elixir', '  use Phoenix.Router\n  alias MyApp.Repo\n  import Plug.Conn\n  usage = 1')).toEqual(['Phoenix.Router', 'MyApp.Repo', 'Plug.Conn'])
    expect(moduleMatches('rust', 'axum::routing', 'axum')).toBe(true)
    expect(moduleMatches('rust', 'axum_extra', 'axum')).toBe(false)
    expect(moduleMatches('php', 'Laravel\\Pennant\\Feature', 'Laravel\\Pennant')).toBe(true)
    expect(moduleMatches('elixir', 'Tesla.Middleware.Retry', 'Tesla')).toBe(true)
  })
})

describe('own packages of the new manifests', () => {
  it('reads the published name', () => {
    const files = {
      'Cargo.toml': '[package]\nname = "axum"\nversion = "0.8.0"\n',
      'composer.json': '{\n  "name": "Laravel/Framework"\n}',
      'mix.exs': 'defmodule Phoenix.MixProject do\n  def project do\n    [\n      app: :phoenix,\n    ]\n  end\nend',
      'src/Polly.Core/Polly.Core.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n</Project>'
    }
    const snap = new MemorySnapshot(files)
    const facts = collectManifests(snap)
    expect(facts.manifests.map((m) => ownPackage(snap, m)?.name)).toEqual(['axum', 'laravel/framework', 'phoenix', 'Polly.Core'])
  })
})
