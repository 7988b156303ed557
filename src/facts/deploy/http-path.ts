const LOCAL_HOSTS = ['localhost', '127.0.0.1', '0.0.0.0', '[::1]']
const STOP = new Set([' ', '\t', '"', "'", '`', '|', ';', ')', '&', ',', ']', '>', '\\'])

function pathFrom(s: string, slash: number): string {
  let end = slash
  while (end < s.length && !STOP.has(s[end]!)) end++
  return s.slice(slash, end) || '/'
}

/**
 * The HTTP path a health command hits: `/healthz` from `curl -f http://localhost:8000/healthz`,
 * `wget -qO- localhost:3000/up`, `urlopen('http://127.0.0.1:8000/health')`; `/` when the URL has
 * no path. Undefined when the command names no URL (`pg_isready`, `redis-cli ping`).
 */
export function httpPathOf(command: string): string | undefined {
  const scheme = command.indexOf('://')
  if (scheme >= 0) {
    let i = scheme + 3
    while (i < command.length && command[i] !== '/' && !STOP.has(command[i]!)) i++
    return command[i] === '/' ? pathFrom(command, i) : '/'
  }
  for (const host of LOCAL_HOSTS) {
    const at = command.indexOf(host)
    if (at < 0) continue
    let i = at + host.length
    if (command[i] === ':') {
      i++
      while (i < command.length && command[i] !== '/' && !STOP.has(command[i]!)) i++
    }
    if (command[i] === '/') return pathFrom(command, i)
    if (i >= command.length || STOP.has(command[i]!)) return '/'
  }
  return undefined
}
