/** A repository of each stack, with no CI: every check fails or is unknown, and prints its fix. */
export const STACKS: Readonly<Record<string, Record<string, string>>> = {
  fastapi: { 'requirements.txt': 'fastapi\n', 'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' },
  django: { 'requirements.txt': 'django\ndjangorestframework\n', 'manage.py': 'import django\n', 'shop/urls.py': 'from django.urls import path\nurlpatterns = []\n' },
  flask: { 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["flask"]\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' },
  express: { 'package.json': JSON.stringify({ dependencies: { express: '^4' } }), 'src/app.js': "const express = require('express')\n" },
  nestjs: { 'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10', '@nestjs/common': '^10' } }), 'tsconfig.json': '{}', 'src/main.ts': "import { NestFactory } from '@nestjs/core'\n" },
  fastify: { 'package.json': JSON.stringify({ dependencies: { fastify: '^4' } }), 'server.js': "const fastify = require('fastify')()\n" },
  gin: { 'go.mod': 'module x\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n', 'main.go': 'package main\n\nimport "github.com/gin-gonic/gin"\n' },
  chi: { 'go.mod': 'module x\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n', 'main.go': 'package main\n\nimport "github.com/go-chi/chi/v5"\n' },
  spring: {
    'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
    'src/main/java/App.java': 'class App {}\n'
  },
  gradle: { 'build.gradle': "dependencies { implementation 'org.springframework.boot:spring-boot-starter-web' }\n", 'gradlew': '#!/bin/sh\n', 'src/main/java/App.java': 'class App {}\n' },
  rails: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\n", 'config/application.rb': 'module App; end\n', 'config/routes.rb': 'Rails.application.routes.draw do\nend\n' },
  rust: { 'Cargo.toml': '[package]\nname = "api"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\n', 'src/main.rs': 'fn main() {}\n' },
  php: { 'composer.json': JSON.stringify({ require: { 'laravel/framework': '^11' } }), 'public/index.php': '<?php\n' },
  dotnet: { 'Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Serilog" Version="3.1.1" /></ItemGroup></Project>', 'Program.cs': 'var app = WebApplication.Create();\n' },
  elixir: { 'mix.exs': 'defmodule App.MixProject do\n  def project, do: [app: :app, deps: [{:phoenix, "~> 1.7"}]]\nend\n', 'lib/app.ex': 'defmodule App do\nend\n' },
  none: { 'README.md': '# x\n' }
}

/** A service with CI, a Dockerfile and evidence chains: what most outputs show. */
export const CI_SERVICE: Readonly<Record<string, string>> = {
  ...STACKS.fastapi,
  'Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["uvicorn", "app.main:app"]\n',
  'Makefile': 'lint:\n\truff check .\n',
  'tests/test_app.py': 'def test_x():\n    pass\n',
  '.github/workflows/ci.yml': 'on:\n  push:\n    branches: [main]\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make lint\n      - run: pytest\n'
}
