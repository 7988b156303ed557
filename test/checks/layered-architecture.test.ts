import { describe, expect, it } from 'vitest'
import check from '../../src/checks/layered-architecture.js'
import { LAYER_REMEDIATION } from '../../src/checks/catalog/layer-rules.js'
import { ECOSYSTEM_IDS } from '../../src/facts/ecosystems.js'
import yaml from 'js-yaml'
import { parse as parseToml } from 'smol-toml'
import { factsFor, NO_EXTRA, testConfig } from '../helpers/facts.js'
import type { Outcome } from '../../src/checks/types.js'

const run = (files: Record<string, string>): Outcome<string> => check.run({ facts: factsFor({ files }), extra: NO_EXTRA, config: testConfig })
const messages = (o: Outcome<string>): string[] => (o.evidence ?? []).map((e) => e.message)

const PR_WORKFLOW = (step: string, on = '[pull_request]') => `name: ci\non: ${on}\njobs:\n  arch:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${step}\n`

/** A FastAPI service: routers call services, services call repositories, only repositories use SQLAlchemy. */
const LAYERED_FASTAPI: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["fastapi", "sqlalchemy", "httpx"]\n',
  'app/__init__.py': '',
  'app/main.py': 'from fastapi import FastAPI\nfrom app.api import users, orders\n\napp = FastAPI()\napp.include_router(users.router)\napp.include_router(orders.router)\n',
  'app/api/__init__.py': '',
  'app/api/users.py': 'from fastapi import APIRouter\nfrom app.services.users import list_users\n\nrouter = APIRouter()\n\n@router.get("/users")\ndef users():\n    return list_users()\n',
  'app/api/orders.py': 'from fastapi import APIRouter\nfrom app.services import orders as svc\n\nrouter = APIRouter()\n\n@router.get("/orders")\ndef orders():\n    return svc.all_orders()\n',
  'app/services/__init__.py': 'from .orders import *\n',
  'app/services/users.py': 'from app.repositories.users import fetch_users\n\ndef list_users():\n    return fetch_users()\n',
  'app/services/orders.py': 'from app.repositories.orders import fetch_orders\nfrom app.clients.rates import rates\n\ndef all_orders():\n    return fetch_orders(rates())\n',
  'app/repositories/users.py': 'from sqlalchemy import select\nfrom app.db import session\n\ndef fetch_users():\n    return session.execute(select(User)).all()\n',
  'app/repositories/orders.py': 'from sqlalchemy import select\n\ndef fetch_orders(r):\n    return []\n',
  'app/clients/rates.py': 'import httpx\n\ndef rates():\n    return httpx.get("https://rates.example").json()\n',
  'app/db.py': 'from sqlalchemy.orm import Session\nsession = Session()\n'
}

describe('layered-architecture', () => {
  it('passes a layered FastAPI service: routers call services, only repositories and clients touch infrastructure', () => {
    const out = run(LAYERED_FASTAPI)
    expect([out.status, out.messageId]).toEqual(['pass', 'layered'])
    expect(out.data).toMatchObject({ direct: 0, total: 2, users: 2 })
    expect(messages(out).some((m) => m.startsWith('the layer touches SQLAlchemy') || m.startsWith('the layer touches an outbound HTTP client'))).toBe(true)
  })

  it('fails a flat Express service whose handlers query the database and call other services themselves', () => {
    const out = run({
      'package.json': JSON.stringify({ dependencies: { express: '^4', pg: '^8', axios: '^1' } }),
      'src/app.js': "const express = require('express')\nconst app = express()\napp.use('/users', require('./users'))\napp.use('/orders', require('./orders'))\napp.listen(3000)\n",
      'src/users.js': "const router = require('express').Router()\nconst { Pool } = require('pg')\nconst pool = new Pool()\nrouter.get('/', async (req, res) => res.json((await pool.query('SELECT * FROM users')).rows))\nmodule.exports = router\n",
      'src/orders.js': "const router = require('express').Router()\nconst axios = require('axios')\nrouter.get('/', async (req, res) => res.json((await axios.get('http://billing/orders')).data))\nmodule.exports = router\n"
    })
    expect([out.status, out.messageId]).toEqual(['fail', 'flat'])
    expect(out.data).toMatchObject({ direct: 2, total: 2 })
    expect(out.evidence).toContainEqual({ path: 'src/users.js', line: 2, message: "touches a query builder or driver (database) directly: const { Pool } = require('pg')" })
    expect(out.remediation).toContain('dependency-cruiser')
  })

  it('passes a Django/DRF service whose viewsets use model managers, stating the convention', () => {
    const files = {
      'requirements.txt': 'django\ndjangorestframework\n',
      'shop/urls.py': 'from django.urls import path, include\nfrom rest_framework.routers import DefaultRouter\nfrom orders.views import OrderViewSet\nrouter = DefaultRouter()\nrouter.register("orders", OrderViewSet)\nurlpatterns = [path("api/", include(router.urls))]\n',
      'orders/views.py': 'from rest_framework import viewsets\nfrom .models import Order\nfrom .serializers import OrderSerializer\n\nclass OrderViewSet(viewsets.ModelViewSet):\n    queryset = Order.objects.all()\n    serializer_class = OrderSerializer\n',
      'customers/views.py': 'from rest_framework import viewsets\nfrom .models import Customer\n\nclass CustomerViewSet(viewsets.ModelViewSet):\n    queryset = Customer.objects.filter(active=True)\n',
      'orders/models.py': 'from django.db import models\nclass Order(models.Model):\n    total = models.IntegerField()\n',
      'orders/serializers.py': 'from rest_framework import serializers\n',
      'customers/models.py': 'from django.db import models\nclass Customer(models.Model):\n    active = models.BooleanField()\n'
    }
    const out = run(files)
    expect([out.status, out.messageId]).toEqual(['pass', 'layered'])
    expect(messages(out).some((m) => m.startsWith('Django convention applied'))).toBe(true)
    // Raw SQL in the views still counts, convention or not.
    const raw = run({ ...files, 'orders/views.py': files['orders/views.py'] + '\nfrom django.db import connection\ndef report(request):\n    with connection.cursor() as c:\n        c.execute("SELECT 1")\n', 'customers/views.py': files['customers/views.py'] + '\nimport requests\n' })
    expect(raw.status).not.toBe('pass')
    expect(raw.data).toMatchObject({ direct: 2 })
    expect(raw.evidence).toContainEqual({ path: 'orders/views.py', line: 11, message: 'touches raw SQL (database) directly: with connection.cursor() as c:' })
  })

  it('passes a Go service whose handlers call repositories behind interfaces', () => {
    const out = run({
      'go.mod': 'module example.com/shop\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
      'cmd/shop/main.go': 'package main\n\nimport (\n\t"net/http"\n\t"github.com/go-chi/chi/v5"\n\t"example.com/shop/internal/api"\n)\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Get("/users", api.ListUsers)\n\thttp.ListenAndServe(":8080", r)\n}\n',
      'internal/api/users.go': 'package api\n\nimport (\n\t"encoding/json"\n\t"net/http"\n\t"example.com/shop/internal/store"\n)\n\nvar Users store.UserStore\n\nfunc ListUsers(w http.ResponseWriter, r *http.Request) {\n\tjson.NewEncoder(w).Encode(Users.All(r.Context()))\n}\n',
      'internal/store/store.go': 'package store\n\nimport "context"\n\ntype UserStore interface {\n\tAll(ctx context.Context) []string\n}\n',
      'internal/store/postgres/users.go': 'package postgres\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\ntype Users struct{ DB *sql.DB }\n\nfunc (u Users) All(ctx context.Context) []string {\n\trows, _ := u.DB.QueryContext(ctx, "SELECT name FROM users")\n\tdefer rows.Close()\n\treturn nil\n}\n'
    })
    expect([out.status, out.messageId]).toEqual(['pass', 'layered'])
    // cmd/shop/main.go only declares the routes (no handler signature): not a handler module.
    expect(out.data).toMatchObject({ direct: 0, total: 1, users: 1, layer: 'internal/store' })
  })

  it('passes on an import-linter contract run in CI on pull requests, even over flat handlers', () => {
    const flat = {
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi", "sqlalchemy"]\n\n[tool.importlinter]\nroot_package = "app"\n',
      'app/main.py': 'from fastapi import FastAPI\nfrom sqlalchemy import text\napp = FastAPI()\n\n@app.get("/users")\ndef users():\n    return db.execute(text("SELECT 1"))\n'
    }
    const out = run({ ...flat, '.github/workflows/ci.yml': PR_WORKFLOW('lint-imports') })
    expect([out.status, out.messageId]).toEqual(['pass', 'rule-tool'])
    expect(out.data).toEqual({ tools: 'import-linter' })
    // Configured but run only on push: partial.
    const pushOnly = run({ ...flat, '.github/workflows/ci.yml': PR_WORKFLOW('lint-imports', '[push]') })
    expect([pushOnly.status, pushOnly.messageId]).toEqual(['partial', 'configured-not-ci'])
    // Nothing configured: the handlers decide.
    expect(run({ ...flat, 'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi", "sqlalchemy"]\n' }).status).toBe('fail')
  })

  it('passes on a dependency-cruiser rule run in CI on pull requests', () => {
    const out = run({
      'package.json': JSON.stringify({ dependencies: { express: '^4', knex: '^3' }, devDependencies: { 'dependency-cruiser': '^16' } }),
      '.dependency-cruiser.cjs': "module.exports = { forbidden: [{ name: 'no-db-in-routes', from: { path: '^src/routes' }, to: { path: 'knex' } }] }\n",
      'src/routes/users.js': "const router = require('express').Router()\nconst knex = require('knex')\nrouter.get('/users', (req, res) => res.json(knex('users')))\nmodule.exports = router\n",
      '.github/workflows/ci.yml': PR_WORKFLOW('npx depcruise src --config .dependency-cruiser.cjs')
    })
    expect([out.status, out.messageId]).toEqual(['pass', 'rule-tool'])
  })

  it('counts golangci-lint depguard only when its rules name the service packages', () => {
    const files = {
      'go.mod': 'module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n',
      'api/users.go': 'package api\n\nimport (\n\t"database/sql"\n\t"github.com/gin-gonic/gin"\n)\n\nvar db *sql.DB\n\nfunc GetUser(c *gin.Context) {\n\tdb.QueryRow("SELECT 1")\n}\n',
      '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: golangci/golangci-lint-action@v6\n'
    }
    const layers = 'linters:\n  enable: [depguard]\nlinters-settings:\n  depguard:\n    rules:\n      api:\n        files: ["**/api/**"]\n        deny:\n          - pkg: example.com/svc/store/postgres\n'
    expect(run({ ...files, '.golangci.yml': layers })).toMatchObject({ status: 'pass', messageId: 'rule-tool', data: { tools: 'golangci-lint depguard' } })
    const thirdParty = 'linters:\n  enable: [depguard]\nlinters-settings:\n  depguard:\n    rules:\n      main:\n        deny:\n          - pkg: github.com/pkg/errors\n'
    expect(run({ ...files, '.golangci.yml': thirdParty }).status).toBe('fail')
  })

  it('reads a Laravel route closure as a handler module, with the PHP fix only', () => {
    const out = run({
      'composer.json': JSON.stringify({ require: { 'laravel/framework': '^11' } }),
      'routes/api.php': "<?php\nuse Illuminate\\Support\\Facades\\DB;\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::get('/rates', function () {\n    return DB::table('rates')->get();\n});\n"
    })
    expect([out.status, out.messageId]).toEqual(['fail', 'flat'])
    expect(out.evidence).toContainEqual({ path: 'routes/api.php', line: 2, message: 'touches the query builder or a connection (database) directly: use Illuminate\\Support\\Facades\\DB;' })
    expect(out.remediation).toContain('vendor/bin/deptrac analyse')
    expect(out.remediation).not.toMatch(/```(python|go|ruby|rust|csharp|elixir|java)\b/)
  })

  it('is not applicable without an HTTP service', () => {
    const out = run({ 'pyproject.toml': '[project]\nname = "lib"\ndependencies = ["requests"]\n', 'lib/client.py': 'import requests\n' })
    expect([out.status, out.messageId]).toEqual(['not-applicable', 'no-service'])
  })

  it('judges a Tornado service the framework table does not know, by its RequestHandler subclasses', () => {
    const files = {
      'pyproject.toml': '[project]\nname = "hub"\ndependencies = ["tornado", "sqlalchemy"]\n',
      'hub/handlers/base.py': 'from tornado.web import RequestHandler\n\nclass BaseHandler(RequestHandler):\n    pass\n',
      'hub/handlers/users.py': 'from sqlalchemy import select\nfrom .base import BaseHandler\n\nclass UsersHandler(BaseHandler):\n    def get(self):\n        self.write(self.db.query(User).all())\n',
      'hub/handlers/groups.py': 'from .base import BaseHandler\n\nclass GroupsHandler(BaseHandler):\n    def get(self):\n        self.write(self.db.query(Group).all())\n'
    }
    const out = run(files)
    expect(out.data).toMatchObject({ direct: 2, total: 3 })
    expect(out.status).not.toBe('not-applicable')
    // Without the strong sign (no RequestHandler anywhere), a handlers/ directory alone is no service.
    const lib = run({ ...files, 'hub/handlers/base.py': 'class BaseHandler:\n    pass\n' })
    expect([lib.status, lib.messageId]).toEqual(['not-applicable', 'no-service'])
  })

  it('does not count a Go handler that imports database/sql only for sql.ErrNoRows', () => {
    const out = run({
      'go.mod': 'module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n',
      'api/users.go': 'package api\n\nimport (\n\t"database/sql"\n\t"errors"\n\t"github.com/gin-gonic/gin"\n\t"example.com/svc/store"\n)\n\nfunc GetUser(c *gin.Context) {\n\tu, err := store.Users.Get(c.Param("id"))\n\tif errors.Is(err, sql.ErrNoRows) {\n\t\tc.Status(404)\n\t}\n\tc.JSON(200, u)\n}\n',
      'store/users.go': 'package store\n\nimport "database/sql"\n\nvar db *sql.DB\n\nfunc (s users) Get(id string) (string, error) {\n\trow := db.QueryRow("SELECT name FROM users WHERE id = $1", id)\n\treturn "", row.Err()\n}\n'
    })
    expect([out.status, out.messageId]).toEqual(['pass', 'layered'])
    expect(out.data).toMatchObject({ direct: 0 })
  })

  it('stays bounded on import cycles, star imports and __init__ chains', () => {
    const files: Record<string, string> = {
      ...LAYERED_FASTAPI,
      'app/services/users.py': 'from app.services.a import *\nfrom app.repositories.users import fetch_users\n\ndef list_users():\n    return fetch_users()\n',
      'app/services/a.py': 'from app.services.b import *\n',
      'app/services/b.py': 'from app.services.a import *\nfrom app.services import users\n'
    }
    const out = run(files)
    expect([out.status, out.messageId]).toEqual(['pass', 'layered'])
  })

  it('analyses at most its cap of handler modules out of 10,000 and says how many were left out', () => {
    const files: Record<string, string> = { 'pyproject.toml': '[project]\nname = "big"\ndependencies = ["fastapi"]\n', 'app/svc.py': 'import httpx\n' }
    for (let i = 0; i < 10_000; i++) files[`app/api/r${i}.py`] = `from fastapi import APIRouter\nfrom app import svc\nrouter = APIRouter()\n@router.get("/r${i}")\ndef r():\n    return svc.go()\n`
    const started = Date.now()
    const out = run(files)
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(out.status).toBe('pass')
    // The route facts stop at 5,000 routes; of the handler modules they give, 3,000 are analysed.
    expect(messages(out)[0]).toMatch(/^0 of 3000 handler modules .*; \d+ more handler modules beyond the cap were not analysed$/)
  }, 120_000)

  it('cannot tell when the handlers import own-looking modules that do not resolve', () => {
    const out = run({
      'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10', '@nestjs/common': '^10' } }),
      'src/users.controller.ts': "import { Controller, Get } from '@nestjs/common'\nimport { UsersService } from '@/users/users.service'\n\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Get()\n  list() { return this.users.all() }\n}\n"
    })
    expect([out.status, out.messageId]).toEqual(['unknown', 'could-not-tell'])
  })

  it('leaves generated handler files out', () => {
    const out = run({ ...LAYERED_FASTAPI, 'app/api/gen.py': '# Code generated by openapi-generator. DO NOT EDIT.\nfrom fastapi import APIRouter\nimport requests\nrouter = APIRouter()\n@router.get("/gen")\ndef g():\n    return requests.get("x")\n' })
    expect(out.status).toBe('pass')
    expect(out.evidence).toContainEqual({ path: 'app/api/gen.py', message: '1 generated handler file(s) left out' })
  })

  it('prints a rule for each stack that parses (YAML, TOML)', () => {
    for (const eco of ECOSYSTEM_IDS) {
      const text = LAYER_REMEDIATION[eco]
      for (const m of text.matchAll(/```(yaml|toml)\n([\s\S]*?)```/g)) {
        if (m[1] === 'yaml') expect(() => yaml.load(m[2]!), `${eco} yaml`).not.toThrow()
        else expect(() => parseToml(m[2]!), `${eco} toml`).not.toThrow()
      }
      expect(text).toMatch(/on: \[pull_request\]/)
    }
  })
})
