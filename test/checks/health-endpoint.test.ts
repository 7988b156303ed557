import healthEndpoint from '../../src/checks/health-endpoint.js'
import { checkTester } from '../helpers/check-tester.js'

const REQ = { 'requirements.txt': 'fastapi\n' }
const FASTAPI_HEALTH = {
  ...REQ,
  'app/main.py': ['from fastapi import FastAPI', 'from app.api import router', 'app = FastAPI()', 'app.include_router(router, prefix="/api/v1")'].join('\n'),
  'app/api.py': ['from fastapi import APIRouter', 'router = APIRouter(prefix="/utils")', '@router.get("/health-check/")', 'def hc(session):', '    session.execute(select(1))', '    return True'].join('\n')
}

checkTester(healthEndpoint, {
  pass: [
    {
      name: 'Laravel 11 withRouting(health: /up) is shallow; a DB-touching /health is deep',
      facts: {
        files: {
          'composer.json': '{"require": {"laravel/framework": "^11.0"}}',
          'bootstrap/app.php': "<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withRouting(web: __DIR__.'/../routes/web.php', health: '/up')->create();\n",
          'routes/web.php': "<?php\nRoute::get('health', 'HealthcheckController@check');\n",
          'app/Http/Controllers/System/HealthcheckController.php': '<?php\nfinal class HealthcheckController\n{\n    public function check(): Response\n    {\n        User::count();\n        return response(\'OK\', 200);\n    }\n}\n'
        }
      },
      messageId: 'pass-deep',
      data: { routes: '/up, /health', touches: '::count()' },
      evidence: [{ path: 'bootstrap/app.php', line: 3, message: 'GET /up — Laravel health route (withRouting health:): returns without touching a dependency' }, { path: 'routes/web.php', line: 2, message: 'GET /health: checks a dependency: ::count() at app/Http/Controllers/System/HealthcheckController.php:6' }]
    },
    {
      name: 'Symfony #[Route] ping below an /api import prefix (kimai)',
      facts: { files: { 'composer.json': '{"require": {"symfony/framework-bundle": "^7.1"}}', 'config/routes.yaml': 'api:\n    resource: ../src/API/\n    type: attribute\n    prefix: /api\n', 'src/API/StatusController.php': "<?php\nfinal class StatusController\n{\n    #[Route(methods: ['GET'], path: '/ping')]\n    public function pingAction(): Response { return new Response('pong'); }\n}\n" } },
      messageId: 'pass-shallow',
      data: { routes: '/api/ping' }
    },
    {
      name: "a resource's status under a parameter is not the app's health (/:projectId/status)",
      facts: { files: { 'package.json': '{"dependencies":{"express":"^4"}}', 'src/app.js': ["const express = require('express')", 'const app = express()', "app.get('/:projectId/status', getStatus)", "app.get('/api/status', apiStatus)"].join('\n') } },
      messageId: 'pass-shallow',
      data: { routes: '/api/status' }
    },
    {
      name: 'FastAPI deep health route through two prefixes',
      facts: { files: FASTAPI_HEALTH },
      messageId: 'pass-deep',
      data: { routes: '/api/v1/utils/health-check/', touches: 'select(1)' },
      evidence: [{ path: 'app/api.py', line: 3, message: 'GET /api/v1/utils/health-check/: checks a dependency: select(1) at app/api.py:5' }]
    },
    {
      name: 'Rails /up is shallow',
      facts: { files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\n", 'config/routes.rb': 'Rails.application.routes.draw do\n  get "up" => "rails/health#show"\nend\n' } },
      messageId: 'pass-shallow',
      data: { routes: '/up' },
      evidence: [{ path: 'config/routes.rb', line: 2, message: 'GET /up — Rails::HealthController: returns without touching a dependency' }]
    },
    {
      name: 'route listed in config signatures',
      facts: { files: { ...REQ, 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/system/check")\ndef c():\n    return 1\n' } },
      extra: { routes: ['/system/check'] },
      messageId: 'pass-shallow',
      data: { routes: '/system/check' }
    },
    {
      name: 'Spring Actuator with a JPA starter is deep',
      facts: {
        files: {
          'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-actuator</artifactId></dependency><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId></dependency></dependencies></project>'
        }
      },
      messageId: 'pass-deep',
      data: { routes: '/actuator/health' }
    }
  ],
  partial: [
    {
      name: 'only a Dockerfile HEALTHCHECK on the home page',
      facts: { files: { ...REQ, 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/")\ndef home():\n    return 1\n', Dockerfile: 'FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n' } },
      messageId: 'deploy-only',
      data: { target: '/' },
      evidence: [{ path: 'Dockerfile', line: 2, message: 'dockerfile healthcheck: /' }]
    }
  ],
  fail: [
    {
      name: 'Symfony with only /api/version and /api/info (wallabag), and the PHP snippet',
      facts: { files: { 'composer.json': '{"require": {"symfony/framework-bundle": "^6.4"}}', 'src/Controller/Api/WallabagRestController.php': "<?php\nclass WallabagRestController\n{\n    #[Route(path: '/api/version.{_format}', methods: ['GET'])]\n    public function getVersionAction() {}\n    #[Route(path: '/api/info.{_format}', methods: ['GET'])]\n    public function getInfoAction() {}\n}\n" } },
      messageId: 'fail',
      data: { frameworks: 'Symfony' },
      remediation: ["#[Route('/healthz'"]
    },
    {
      name: 'FastAPI without any health route; /status as a business resource does not count',
      facts: { files: { ...REQ, 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/orders/{id}/status")\ndef st():\n    return 1\n' } },
      messageId: 'fail',
      data: { frameworks: 'FastAPI' },
      remediation: ['@router.get("/healthz"', 'SELECT 1']
    },
    {
      name: "a vendored third-party component's probes (registry.k8s.io metrics-server) are not the app's",
      facts: {
        files: {
          'Gemfile': "source 'https://rubygems.org'\ngem 'roda'\n",
          'app.rb': 'class App < Roda\n  route do |r|\n    r.get "orders" do\n      "ok"\n    end\n  end\nend\n',
          'k8s/lib/metrics-server.yaml': [
            'kind: Deployment',
            'spec:',
            '  template:',
            '    spec:',
            '      containers:',
            '        - name: metrics-server',
            '          image: registry.k8s.io/metrics-server/metrics-server:v0.8.1',
            '          livenessProbe:',
            '            httpGet:',
            '              path: /livez',
            '          readinessProbe:',
            '            httpGet:',
            '              path: /readyz'
          ].join('\n')
        }
      },
      messageId: 'fail'
    },
    {
      name: 'compose healthcheck of postgres is not the app',
      facts: { files: { 'package.json': '{"dependencies": {"express": "^4"}}', 'index.js': "const app = express()\napp.get('/', h)\n", 'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n' } },
      messageId: 'fail',
      remediation: ["app.get('/healthz'"]
    },
    {
      name: 'the healthcheck of a database-init job is not the app (hawkBit db-init: pgrep sleep); a Spring service is shown Actuator',
      facts: {
        files: {
          'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
          'docker/compose.yml': 'services:\n  hawkbit-db-init:\n    image: "hawkbit/hawkbit-repository-jpa-init:latest"\n    healthcheck:\n      test: [ "CMD", "pgrep", "sleep" ]\n'
        }
      },
      messageId: 'fail',
      remediation: ['spring-boot-starter-actuator']
    }
  ],
  notApplicable: [
    { name: 'the repository of the framework itself (publishes djangorestframework)', facts: { files: { 'pyproject.toml': '[project]\nname = "djangorestframework"\ndependencies = ["django>=5.2"]\n', 'rest_framework/urls.py': 'urlpatterns = [path("health/", h)]\n' } }, messageId: 'framework-repo', data: { name: 'djangorestframework' }, evidence: [{ path: 'pyproject.toml', line: 2, message: 'publishes djangorestframework' }] },{ name: 'a library with no HTTP framework', facts: { files: { 'requirements.txt': 'requests\n', 'lib.py': 'import requests\n' } }, messageId: 'no-service', summary: 'No HTTP framework found in dependencies or imports' }]
})
