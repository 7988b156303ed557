import { describe, expect, it } from 'vitest'
import check from '../../src/checks/circuit-breakers.js'
import { factsFor, runCheck } from './dependency-facts.js'

/** Retry idioms of the known stacks that are not a resilience library's decorator. */
const run = (files: Record<string, string>) => runCheck(check, factsFor(files))
const lines = (...ls: string[]): string => ls.join('\n') + '\n'

describe('circuit-breakers: retry idioms of the known stacks', () => {
  it('passes for google-api-core Retry decorating storage calls, which comes with the google-cloud clients (warehouse)', () => {
    const out = run({
      'requirements/main.in': 'google-cloud-storage\npyramid\n',
      'app/storage.py': lines('import google.api_core.exceptions', 'import google.api_core.retry', '', 'class Storage:', '    @google.api_core.retry.Retry(', '        predicate=google.api_core.retry.if_exception_type(google.api_core.exceptions.ServiceUnavailable)', '    )', '    def store(self, path):', '        self.bucket.blob(path).upload_from_filename(path)')
    })
    expect([out.status, out.data]).toEqual(['pass', { libs: 'google-api-core Retry' }])
    expect(out.evidence?.[1]).toEqual({ path: 'app/storage.py', line: 5, message: 'used: @google.api_core.retry.Retry(' })
    // Importing its exceptions is no retry.
    expect(run({ 'requirements.txt': 'google-cloud-storage\n', 'app/s.py': 'import google.api_core.exceptions\n' }).status).toBe('fail')
  })

  it('passes for a count of retries on a requests HTTPAdapter (warehouse), not for max_retries=0', () => {
    const adapter = (n: number): Record<string, string> => ({ 'requirements.txt': 'requests\n', 'app/http.py': lines('from requests.adapters import HTTPAdapter', `adapter = HTTPAdapter(max_retries=${n})`, 'session.mount("https://", adapter)') })
    expect(run(adapter(1)).status).toBe('pass')
    expect(run(adapter(0)).status).toBe('fail')
  })

  it('passes for an SMTP pool’s message retries, a client-library retry option (listmonk)', () => {
    const out = run({ 'go.mod': lines('module x', 'require github.com/knadh/smtppool/v2 v2.0.0'), 'models/settings.go': lines('package models', 'type SMTP struct {', '\tMaxMsgRetries int `json:"max_msg_retries"`', '}'), 'email/email.go': lines('package email', 'import "github.com/knadh/smtppool/v2"', 'type Server struct {', '\tsmtppool.Opt `json:",squash"`', '}') })
    expect([out.status, out.data]).toEqual(['pass', { libs: 'smtppool message retries' }])
  })

  it('passes for go-zero RPC clients, which carry its adaptive breaker (simple-admin-core)', () => {
    const out = run({ 'go.mod': lines('module x', 'require github.com/zeromicro/go-zero v1.8.0'), 'internal/svc/context.go': lines('package svc', 'import "github.com/zeromicro/go-zero/zrpc"', 'func New(c Config) *ServiceContext {', '\treturn &ServiceContext{CoreRpc: corerpc.NewCore(zrpc.NewClientIfEnable(c.CoreRpc))}', '}') })
    expect([out.status, out.data]).toEqual(['pass', { libs: 'go-zero zrpc breaker' }])
    // The module alone (a REST-only service) protects no outbound call.
    expect(run({ 'go.mod': lines('module x', 'require github.com/zeromicro/go-zero v1.8.0'), 'main.go': lines('package main', 'import "github.com/zeromicro/go-zero/rest"') }).status).not.toBe('pass')
  })

  it('is partial for hand-rolled retries with a wait in Python, Go and Ruby (lnbits, gotosocial, casdoor, postal)', () => {
    const python = run({
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["httpx"]\n',
      'svc/app.py': lines('async def check_funding_source():', '    max_retries = settings.max_retries', '    retry_counter = 0', '    while True:', '        if await source.status():', '            break', '        retry_counter += 1', '        await asyncio.sleep(min(0.25 * (2**retry_counter), 60))')
    })
    expect([python.status, python.messageId, python.evidence?.[0]]).toEqual(['partial', 'hand-rolled', { path: 'svc/app.py', line: 2, message: 'hand-rolled retry with a wait: max_retries = settings.max_retries' }])
    const go = run({
      'go.mod': 'module x\n',
      'internal/httpclient/client.go': lines('package httpclient', 'func (c *Client) Do(r *http.Request) (*http.Response, error) {', '\tfor {', '\t\trsp, retry, err := c.DoOnce(r)', '\t\tif err == nil || !retry {', '\t\t\treturn rsp, err', '\t\t}', '\t\tbackoff := time.NewTimer(r.BackOff())', '\t\t<-backoff.C', '\t}', '}')
    })
    expect([go.status, go.evidence?.[0]?.line]).toEqual(['partial', 8])
    const scheduled = run({
      'go.mod': 'module x\n',
      'object/worker.go': lines('package object', 'func next(attempt int, base int) string {', '\tdelay := base * (1 << uint(attempt))', '\tt := time.Now().Add(time.Duration(delay) * time.Second)', '\treturn t.Format(time.RFC3339)', '}', 'func retry(e *Event) { e.NextRetryTime = next(e.AttemptCount, 60) }')
    })
    expect(scheduled.status).toBe('partial')
    const ruby = run({
      Gemfile: "gem 'rails'\n",
      'app/services/webhook_delivery_service.rb': lines('class WebhookDeliveryService', '  RETRIES = { 1 => 2.minutes, 2 => 3.minutes, 3 => 6.minutes }.freeze', '  def record_attempt', '    @request.retry_after = RETRIES[@request.attempts]&.from_now', '  end', 'end')
    })
    expect([ruby.status, ruby.evidence?.[0]?.line]).toEqual(['partial', 2])
    // A singular counter (`max_retry -= 1`) names a retry as well as the plural does.
    const singular = run({
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n',
      'svc/sync.py': lines('def sync():', '    max_retry = 5', '    while True:', '        if push():', '            break', '        max_retry -= 1', '        sleep(2)', '        if max_retry == 0:', '            raise RuntimeError()')
    })
    expect([singular.status, singular.evidence?.[0]?.line]).toEqual(['partial', 2])
  })

  it('does not take a retry setting without any wait, nor a sleep without a retry, for a hand-rolled retry', () => {
    expect(run({ 'go.mod': 'module x\n', 'cfg.go': lines('package cfg', 'type Config struct {', '\tMaxRetries int', '}') }).status).toBe('fail')
    expect(run({ 'requirements.txt': 'httpx\n', 'poll.py': lines('import time', 'while not done():', '    time.sleep(5)') }).status).toBe('fail')
  })
})
