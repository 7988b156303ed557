import openapiPublished from '../../src/checks/openapi-published.js'
import { checkTester } from '../helpers/check-tester.js'
import { action, run } from '../helpers/facts.js'

const REQ = { 'requirements.txt': 'fastapi\n' }
const EXPRESS = { 'package.json': '{"dependencies": {"express": "^4"}}', 'src/app.js': "const app = express()\napp.get('/orders', h)\n" }
const GRAPHENE_SHOP = {
  'requirements.txt': 'django\ngraphene\n',
  'shop/settings.py': 'ROOT_URLCONF = "shop.urls"\n',
  'shop/urls.py': [
    'urlpatterns = [',
    '    path("graphql/", csrf_exempt(GraphQLView.as_view(schema=schema)), name="api"),',
    '    re_path(r"^plugins/(?P<plugin_id>[.0-9A-Za-z_-]+)/", handle_plugin_webhook, name="plugins"),',
    '    path("thumbnail/<str:instance_id>/<int:size>/", handle_thumbnail, name="thumbnail"),',
    '    path(".well-known/jwks.json", jwks, name="jwks"),',
    '    path("", views.home, name="home"),',
    ']',
    ''
  ].join('\n')
}
const SPEC = { 'openapi.yaml': 'openapi: 3.0.3\ninfo:\n  title: Orders\n  version: "1"\npaths:\n  /orders: {}\n' }

const NEST = { 'package.json': '{"dependencies": {"@nestjs/core": "^10", "@nestjs/swagger": "^7"}}' }

const SPRING = {
  'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.springdoc</groupId><artifactId>springdoc-openapi-starter-webmvc-ui</artifactId></dependency></dependencies></project>\n'
}

checkTester(openapiPublished, {
  pass: [
    {
      name: 'NelmioApiDocBundle served by its imported routes (wallabag)',
      facts: { files: { 'composer.json': '{"require": {"symfony/framework-bundle": "^6.4", "nelmio/api-doc-bundle": "^4.0"}}', 'app/config/routing.yml': 'doc-api:\n    resource: "@NelmioApiDocBundle/config/routing/swaggerui.xml"\n    prefix: /api/doc\n\ndoc-api-json:\n    path: /api/doc.json\n    methods: GET\n    defaults: { _controller: nelmio_api_doc.controller.swagger }\n' } },
      messageId: 'pass-served',
      data: { spec: 'NelmioApiDocBundle generation', served: '/api/doc' }
    },
    { name: 'Laravel with Scramble', facts: { files: { 'composer.json': '{"require": {"laravel/framework": "^11.0", "dedoc/scramble": "^0.11"}}' } }, messageId: 'pass-served', data: { spec: 'Scramble generation', served: '/docs/api.json' } },
    {
      name: 'springdoc serves below the servlet context path (spring-petclinic-rest)',
      facts: { files: { ...SPRING, 'src/main/resources/application.properties': 'server.servlet.context-path=/petclinic/\n' } },
      messageId: 'pass-served',
      data: { spec: 'springdoc generation', served: '/petclinic/v3/api-docs' }
    },
    {
      name: 'NestJS SwaggerModule.setup with its path in a local constant (hoppscotch)',
      facts: {
        files: {
          ...NEST,
          'src/main.ts': [
            "import { SwaggerModule, DocumentBuilder } from '@nestjs/swagger'",
            'function setupSwagger(app) {',
            "  const swaggerDocPath = '/api-docs'",
            '  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build())',
            '  SwaggerModule.setup(swaggerDocPath, app, document)',
            '}',
            ''
          ].join('\n')
        }
      },
      messageId: 'pass-served',
      data: { spec: 'NestJS SwaggerModule generation', served: '/api-docs' }
    },
    {
      name: 'NestJS SwaggerModule.setup with a literal path',
      facts: { files: { ...NEST, 'src/main.ts': "import { SwaggerModule } from '@nestjs/swagger'\nSwaggerModule.setup('docs', app, document)\n" } },
      messageId: 'pass-served',
      data: { spec: 'NestJS SwaggerModule generation', served: '/docs' }
    },
    {
      name: 'FastAPI serves its generated spec by default',
      facts: { files: { ...REQ, 'main.py': 'from fastapi import FastAPI\napp = FastAPI(title="x")\n' } },
      messageId: 'pass-served',
      data: { spec: 'FastAPI generation', served: '/openapi.json' },
      evidence: [{ path: 'main.py', line: 2, message: 'FastAPI serves /openapi.json' }]
    },
    {
      name: 'Express serves the committed spec with swagger-ui-express',
      facts: { files: { ...EXPRESS, ...SPEC, 'src/docs.js': "const swaggerUi = require('swagger-ui-express')\nconst app = express()\napp.use('/api-docs', swaggerUi.serve, swaggerUi.setup(spec))\n" } },
      messageId: 'pass-served',
      data: { spec: 'openapi.yaml', served: '/api-docs' }
    },
    {
      name: 'committed spec uploaded as an artifact',
      facts: { files: { ...EXPRESS, ...SPEC }, ci: { actions: [action('actions/upload-artifact', { with: { name: 'spec', path: 'openapi.yaml' }, line: 22 })] } },
      messageId: 'pass-published',
      data: { published: 'upload-artifact (artifact)' },
      evidence: [{ path: 'openapi.yaml', message: 'OpenAPI 3.0.3 "Orders", 1 path' }]
    },
    {
      name: 'spec pushed to bump.sh',
      facts: { files: { ...EXPRESS, ...SPEC }, ci: { runs: [run('bump deploy openapi.yaml --doc orders', { push: true })] } },
      messageId: 'pass-published',
      data: { published: 'bump deploy (portal)' }
    }
  ],
  partial: [
    {
      name: 'NelmioApiDocBundle whose routes are never imported serves nothing',
      facts: { files: { 'composer.json': '{"require": {"symfony/framework-bundle": "^7.0", "nelmio/api-doc-bundle": "^4.0"}}', 'config/routes.yaml': 'controllers:\n    resource: ../src/Controller/\n    type: attribute\n' } },
      messageId: 'partial',
      data: { spec: 'NelmioApiDocBundle generation', why: '' }
    },
    {
      name: 'a committed spec of a Laravel app nothing serves (koel api-docs/api.yaml)',
      facts: { files: { 'composer.json': '{"require": {"laravel/framework": "^12.0"}}', 'api-docs/api.yaml': 'openapi: 3.0.0\ninfo:\n  title: Koel\n  version: 5.1.0\npaths:\n  /api/ping:\n    get:\n      responses:\n        "200":\n          description: ok\n' } },
      messageId: 'partial',
      remediation: ['dedoc/scramble']
    },
    {
      name: 'springdoc switched off in a later document for every profile but api-docs (jhipster)',
      facts: {
        files: {
          ...SPRING,
          'src/main/resources/config/application.yml': "# comments only\n---\nspring:\n  config:\n    activate:\n      on-profile: '!api-docs'\nspringdoc:\n  api-docs:\n    enabled: false\n"
        }
      },
      messageId: 'partial',
      summary: 'springdoc.api-docs.enabled=false'
    },
    {
      name: 'FastAPI with openapi_url=None and nothing published',
      facts: { files: { ...REQ, 'main.py': 'from fastapi import FastAPI\napp = FastAPI(openapi_url=None)\n' } },
      messageId: 'partial',
      summary: 'openapi_url=None disables the spec',
      remediation: ['openapi_url']
    },
    {
      name: 'committed spec; upload-artifact of coverage does not publish it',
      facts: { files: { ...EXPRESS, ...SPEC }, ci: { actions: [action('actions/upload-artifact', { with: { path: 'coverage/' } })] } },
      messageId: 'partial',
      data: { spec: 'openapi.yaml' },
      remediation: ['swagger-ui-express']
    }
  ],
  fail: [
    { name: 'a Laravel API with no spec and no generator (firefly-iii)', facts: { files: { 'composer.json': '{"require": {"laravel/framework": "^12.0"}}', 'routes/api.php': "<?php\nRoute::get('v1/about', 'AboutController@about');\n" } }, messageId: 'fail', data: { frameworks: 'Laravel' }, remediation: ['scramble:export'] },
    {
      name: 'GraphQL plus one REST resource route is a mixed API: it still needs a spec',
      facts: { files: { ...GRAPHENE_SHOP, 'shop/urls.py': GRAPHENE_SHOP['shop/urls.py'].replace('    path("", views.home', '    path("api/orders/", views.orders),\n    path("", views.home') } },
      messageId: 'fail',
      data: { frameworks: 'Django' }
    },
    {
      name: 'Apollo Server only as a dev dependency does not make the API GraphQL-only',
      facts: { files: { 'package.json': '{"dependencies": {"express": "^4"}, "devDependencies": {"@apollo/server": "^4"}}', 'src/app.js': "const app = express()\napp.use('/graphql', gql)\n" } },
      messageId: 'fail'
    },
    {
      name: 'Express API without spec; a fixture spec does not count',
      facts: { files: { ...EXPRESS, 'test/fixtures/petstore.yaml': 'openapi: 3.0.0\ninfo: {title: p}\npaths: {}\n' } },
      messageId: 'fail',
      data: { frameworks: 'Express' },
      evidence: [{ path: 'test/fixtures/petstore.yaml', message: 'not counted: under fixtures/ (fixture or example)' }]
    }
  ],
  notApplicable: [
    { name: 'the repository of the framework itself (publishes djangorestframework)', facts: { files: { 'pyproject.toml': '[project]\nname = "djangorestframework"\ndependencies = ["django>=5.2"]\n', 'rest_framework/urls.py': 'urlpatterns = [path("health/", h)]\n' } }, messageId: 'framework-repo', data: { name: 'djangorestframework' }, evidence: [{ path: 'pyproject.toml', line: 2, message: 'publishes djangorestframework' }] },
    { name: 'no HTTP framework', facts: { files: { ...SPEC } }, messageId: 'no-service' },
    {
      name: 'GraphQL-only Django app: besides /graphql/ only webhooks, thumbnails, static files and the home page',
      facts: { files: { ...GRAPHENE_SHOP } },
      messageId: 'graphql-only',
      data: { tool: 'graphene' },
      evidence: [{ path: 'requirements.txt', line: 2, message: 'GraphQL server: graphene' }, { path: 'shop/urls.py', line: 2, message: 'GraphQL endpoint /graphql/' }]
    },
    {
      name: 'GraphQL-only Express app (Apollo Server) with a health route',
      facts: { files: { 'package.json': '{"dependencies": {"express": "^4", "@apollo/server": "^4"}}', 'src/app.js': "const app = express()\napp.use('/graphql', expressMiddleware(server))\napp.get('/healthz', h)\n" } },
      messageId: 'graphql-only',
      data: { tool: 'Apollo Server' }
    }
  ]
})
