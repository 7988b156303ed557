import { describe, expect, it } from 'vitest'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectService } from '../../../src/facts/service/index.js'

/** The route scan of Rust services, one framework idiom per case, on real Cargo manifests. */

function routesOf(files: Record<string, string>) {
  const snap = new MemorySnapshot(files)
  const service = collectService(snap, collectManifests(snap))
  const list = service.routes.map((r) => `${r.methods.join('/')} ${r.prefixUnknown ? `{${r.prefixUnknown}}` : ''}${r.path}`)
  return { service, list, route: (path: string) => service.routes.find((r) => r.path === path) }
}

const cargo = (name: string, deps: string): string => `[package]\nname = "${name}"\nversion = "0.1.0"\n\n[dependencies]\n${deps}\n`

describe('axum (and aide)', () => {
  const files = {
    'Cargo.toml': '[workspace]\nmembers = ["server"]\n',
    'server/Cargo.toml': cargo('svc-server', 'axum = "0.8"\naide = "0.14"\nsqlx = "0.8"'),
    'server/src/main.rs': [
      'mod v1;',
      'use axum::{routing::get, Router};',
      '',
      '#[tokio::main]',
      'async fn main() {',
      '    let v1_router = v1::router().with_state(state());',
      '    let app = Router::new()',
      '        .route("/", get(|| async { "hello" }))',
      '        .nest("/api/v1", v1_router)',
      '        .merge(docs::router());',
      '    axum::serve(listener, app).await.unwrap();',
      '}',
      '',
      'mod docs {',
      '    pub fn router() -> Router {',
      '        Router::new().route("/api/v1/openapi.json", get(spec))',
      '    }',
      '}'
    ].join('\n'),
    'server/src/v1/mod.rs': [
      'pub mod endpoints;',
      'use aide::axum::ApiRouter;',
      'pub fn router() -> ApiRouter<AppState> {',
      '    let admin = Router::new().route("/stats", get(endpoints::admin::stats).post(endpoints::admin::reset));',
      '    ApiRouter::new()',
      '        .merge(endpoints::health::router())',
      '        .nest("/admin", admin)',
      '}'
    ].join('\n'),
    'server/src/v1/endpoints/health.rs': [
      'use sqlx::PgPool;',
      'async fn health(State(db): State<PgPool>) -> StatusCode {',
      '    sqlx::query("SELECT 1").execute(&db).await.unwrap();',
      '    StatusCode::NO_CONTENT',
      '}',
      'async fn ping() -> &\'static str { "pong" }',
      'pub fn router() -> ApiRouter<AppState> {',
      '    ApiRouter::new()',
      '        .api_route("/health/ping", get(ping).head(ping))',
      '        .api_route_with("/health", get_with(health, |op| op), |t| t.tag("Health"))',
      '}',
      '#[cfg(test)]',
      'mod tests {',
      '    #[test]',
      '    fn t() { let _ = Router::new().route("/test-only", get(ping)); }',
      '}'
    ].join('\n')
  }

  it('follows nest/merge into router functions of other modules and local router variables', () => {
    const { list } = routesOf(files)
    expect(list.sort()).toEqual(['GET /', 'GET /api/v1/openapi.json', 'GET/HEAD /api/v1/health/ping', 'GET /api/v1/health', 'GET/POST /api/v1/admin/stats'].sort())
  })

  it('reads the handler of a health route for dependency touches, lazily', () => {
    const { route } = routesOf(files)
    expect(route('/api/v1/health')).toMatchObject({ framework: 'axum', file: 'server/src/v1/endpoints/health.rs', line: 10, handler: 'health' })
    expect(route('/api/v1/health')!.touches?.[0]).toMatchObject({ token: 'SELECT 1', file: 'server/src/v1/endpoints/health.rs', line: 3 })
    expect(route('/api/v1/health/ping')!.touches).toEqual([])
  })
})

describe('actix-web', () => {
  const files = {
    'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
    'crates/server/Cargo.toml': cargo('app-server', 'actix-web = "4"\napp-routes = { path = "../routes" }'),
    'crates/server/src/main.rs': [
      'use actix_web::{web, App, HttpServer};',
      'mod feeds;',
      '#[actix_web::main]',
      'async fn main() -> std::io::Result<()> {',
      '    HttpServer::new(move || {',
      '        App::new()',
      '            .configure(|cfg| app_routes::config(cfg, &limits))',
      '            .configure(feeds::config)',
      '            .service(web::scope("/sitemap.xml").route("", web::get().to(sitemap)))',
      '    })',
      '    .bind(("0.0.0.0", 8080))?',
      '    .run()',
      '    .await',
      '}'
    ].join('\n'),
    'crates/server/src/feeds.rs': ['use actix_web::{get, web};', 'pub fn config(cfg: &mut web::ServiceConfig) {', '    cfg.service(web::resource("/feeds/{type}.xml").route(web::get().to(get_feed)));', '}'].join('\n'),
    'crates/routes/Cargo.toml': cargo('app-routes', 'actix-web = "4"'),
    'crates/routes/src/lib.rs': [
      'use actix_web::{guard, web::*};',
      'pub fn config(cfg: &mut ServiceConfig, limits: &Limits) {',
      '  cfg.service(',
      '    scope("/api/v4")',
      '      .service(scope("/image")',
      '        .service(resource("").route(post().to(upload_image)).route(delete().to(delete_image)))',
      '        .route("/health", get().to(pictrs_health)))',
      '      .service((status, version)),',
      '  );',
      '}',
      '',
      '#[get("/status")]',
      'async fn status() -> HttpResponse { HttpResponse::Ok().finish() }',
      '#[actix_web::get("/version")]',
      'async fn version() -> &\'static str { "1" }',
      '#[get("/orphan")]',
      'async fn orphan() -> &\'static str { "?" }'
    ].join('\n')
  }

  it('joins nested scopes, resources, configure functions across crates and attribute routes registered by service', () => {
    const { list } = routesOf(files)
    expect(list.sort()).toEqual(
      [
        'GET /sitemap.xml',
        'GET /feeds/{type}.xml',
        'POST/DELETE /api/v4/image',
        'GET /api/v4/image/health',
        'GET /api/v4/status',
        'GET /api/v4/version',
        'GET {mount not found}/orphan'
      ].sort()
    )
  })
})

describe('Rocket', () => {
  const files = {
    'Cargo.toml': cargo('vault', 'rocket = "0.5"'),
    'src/main.rs': [
      'mod api;',
      'fn launch() {',
      '    let basepath = &CONFIG.domain_path();',
      '    rocket::custom(config)',
      '        .mount([basepath, "/"].concat(), api::web_routes())',
      '        .mount([basepath, "/api"].concat(), api::core_routes())',
      '        .mount("/admin", routes![admin_index]);',
      '}',
      '#[get("/")]',
      'fn admin_index() -> &\'static str { "admin" }'
    ].join('\n'),
    'src/api/mod.rs': ['mod core;', 'mod web;', 'pub use crate::api::{core::routes as core_routes, web::routes as web_routes};'].join('\n'),
    'src/api/web.rs': [
      'pub fn routes() -> Vec<Route> {',
      '    let mut routes = routes![alive, alive_head];',
      '    if CONFIG.web_vault_enabled() {',
      '        routes.append(&mut routes![web_index]);',
      '    }',
      '    routes',
      '}',
      '// Takes DbConn so the health check also verifies the database connection.',
      '#[get("/alive")]',
      'fn alive(_conn: DbConn) -> Json<String> { now() }',
      '#[head("/alive")]',
      'fn alive_head(_conn: DbConn) -> EmptyResult { Ok(()) }',
      '#[get("/?<q..>")]',
      'fn web_index(q: Query) -> Html { todo!() }'
    ].join('\n'),
    'src/api/core/mod.rs': ['mod accounts;', 'pub fn routes() -> Vec<Route> {', '    let mut meta = routes![alive];', '    let mut routes = Vec::new();', '    routes.append(&mut accounts::routes());', '    routes.append(&mut meta);', '    routes', '}', '#[get("/alive")]', 'fn alive(_conn: DbConn) -> Json<String> { now() }'].join('\n'),
    'src/api/core/accounts.rs': ['pub fn routes() -> Vec<Route> {', '    routes![register]', '}', '#[post("/accounts/register", data = "<data>")]', 'fn register(data: Json<Register>) {}'].join('\n')
  }

  it('joins mount prefixes (an unknown base path kept apart), routes! lists, Vec appends and re-exported route functions', () => {
    const { list } = routesOf(files)
    expect(list.sort()).toEqual(
      ['GET {basepath}/alive', 'HEAD {basepath}/alive', 'GET {basepath}/', 'GET {basepath}/api/alive', 'POST {basepath}/api/accounts/register', 'GET /admin'].sort()
    )
  })

  it('reads request guards of the handler signature as dependency touches', () => {
    const { service } = routesOf(files)
    const alive = service.routes.find((r) => r.path === '/alive' && r.methods[0] === 'GET')!
    expect(alive.touches?.map((t) => t.token)).toEqual(['DbConn'])
  })
})

describe('warp, poem, tide, loco and route tables', () => {
  it('warp: path! segments, path(..).and(path(..)), methods and or-combined filter variables', () => {
    const { list } = routesOf({
      'Cargo.toml': cargo('w', 'warp = "0.3"'),
      'src/main.rs': [
        'use warp::Filter;',
        '#[tokio::main]',
        'async fn main() {',
        '    let health = warp::path!("health" / "live").and(warp::get()).map(|| "ok");',
        '    let users = warp::path("api").and(warp::path("users")).and(warp::path::param::<u32>()).and(warp::post()).and_then(create);',
        '    let routes = health.or(users);',
        '    warp::serve(routes).run(([0, 0, 0, 0], 3030)).await;',
        '}'
      ].join('\n')
    })
    expect(list.sort()).toEqual(['GET /health/live', 'POST /api/users/{param}'].sort())
  })

  it('poem: Route::at, nest, and poem-openapi #[oai] methods of the impl given to OpenApiService', () => {
    const { list } = routesOf({
      'Cargo.toml': cargo('p', 'poem = "3"\npoem-openapi = "5"'),
      'src/main.rs': [
        'use poem::{get, Route};',
        'use poem_openapi::{OpenApi, OpenApiService};',
        'struct Api;',
        '#[OpenApi(prefix_path = "/v1")]',
        'impl Api {',
        '    #[oai(path = "/health", method = "get")]',
        '    async fn health(&self) -> PlainText<&str> { PlainText("ok") }',
        '}',
        'async fn main() {',
        '    let api = OpenApiService::new(Api, "Svc", "1.0");',
        '    let ui = api.swagger_ui();',
        '    let app = Route::new().at("/ping", get(ping)).nest("/api", api).nest("/docs", ui);',
        '}'
      ].join('\n')
    })
    expect(list.sort()).toEqual(['GET /ping', 'GET /api/v1/health'].sort())
  })

  it('tide: at(..).get(..) and at(..).nest(other app)', () => {
    const { list } = routesOf({
      'Cargo.toml': cargo('t', 'tide = "0.16"'),
      'src/main.rs': ['async fn main() {', '    let mut app = tide::new();', '    app.at("/healthz").get(healthz);', '    let mut api = tide::new();', '    api.at("/orders").post(create);', '    app.at("/api").nest(api);', '}'].join('\n')
    })
    expect(list.sort()).toEqual(['GET /healthz', 'POST /api/orders'].sort())
  })

  it('loco: Routes::prefix(..).add(..), and the default routes AppRoutes serves itself', () => {
    const { list, service } = routesOf({
      'Cargo.toml': cargo('l', 'loco-rs = "0.14"'),
      'src/app.rs': 'mod controllers;\nfn routes(_ctx: &AppContext) -> AppRoutes {\n    AppRoutes::with_default_routes().prefix("/v1").add_route(controllers::notes::routes())\n}\n',
      'src/controllers/notes.rs': 'pub fn routes() -> Routes {\n    Routes::new().prefix("api/notes").add("/", get(list)).add("/{id}", get(get_one).delete(remove))\n}\n'
    })
    expect(list.sort()).toEqual(['GET /v1/api/notes', 'GET/DELETE /v1/api/notes/{id}'].sort())
    expect(service.healthLibraries.map((l) => [l.name, l.routes])).toEqual([['Loco default routes', ['/_ping', '/_health']]])
  })

  it('route tables in an attribute: "path" => verb(handler), lists of verbs, sub-tables mounted at their path', () => {
    const { list } = routesOf({
      'Cargo.toml': cargo('m', 'actix-web = "4"'),
      'src/lib.rs': ['pub fn app(cfg: &mut ServiceConfig) {}', 'fn configure() { App::new().configure(<routes::RootApi as Routes>::configure); }'].join('\n'),
      'src/routes/mod.rs': [
        'mod features;',
        '#[routes::routes(routes("/health" => get(get_health), "/experimental-features" => sub(features::FeaturesApi)), tag = "Root")]',
        'pub struct RootApi;'
      ].join('\n'),
      'src/routes/features.rs': ['#[routes::routes(routes("" => [get(get_features), patch(patch_features)]))]', 'pub struct FeaturesApi;'].join('\n')
    })
    expect(list.sort()).toEqual(['GET /health', 'GET/PATCH /experimental-features'].sort())
  })
})

describe('the Rust route scan on hostile input', () => {
  it('survives unbalanced brackets, deep nesting and a huge chain without losing the other files', () => {
    const deep = 'fn main() { let app = Router::new()' + '.route("/x", get(h))'.repeat(3000) + ' ' + '('.repeat(50_000) + '\n}\n'
    const { service } = routesOf({
      'Cargo.toml': cargo('h', 'axum = "0.8"'),
      'src/main.rs': deep,
      'src/broken.rs': 'fn r() { Router::new().route("/health", get(h)) .nest( ] } } )) "unterminated',
      'src/ok.rs': 'pub fn router() -> Router { Router::new().route("/healthz", get(h)) }'
    })
    expect(service.problems).toEqual([])
    expect(service.routes.some((r) => r.path === '/healthz')).toBe(true)
    expect(service.routes.some((r) => r.path === '/x')).toBe(true)
  })
})
