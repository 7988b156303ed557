/// <reference lib="dom" />
/**
 * The dashboard's script, run in the browser: it sorts, filters and paginates the repository
 * table from the JSON embedded in the page. It is embedded as this function's source text
 * (`fleetClient.toString()`), so it must not reference anything outside its own body. Every
 * value from the data reaches the page through textContent or a checked href, never as markup.
 */

/** One table row: name, page, url, state, note, score, grade, change, new, gate, cell codes. */
export type ClientRow = [string, string | null, string | null, string, string | null, number | null, string | null, number | null, 0 | 1, 0 | 1 | null, string]

export interface ClientData {
  readonly columns: readonly { readonly title: string; readonly short: string }[]
  /** By cell code: the badge class, symbol and label. */
  readonly cells: Readonly<Record<string, { readonly cls: string; readonly symbol: string; readonly label: string }>>
  readonly states: Readonly<Record<string, string>>
  readonly rows: readonly ClientRow[]
  readonly pageSize: number
}

export function fleetClient(doc: Document): void {
  const dataEl = doc.getElementById('fleet-data')
  const body = doc.getElementById('repo-rows')
  if (!dataEl || !body) return
  const data = JSON.parse(dataEl.textContent || '{}') as ClientData
  const rows = data.rows
  const ncol = data.columns.length
  const $ = <T extends HTMLElement>(id: string): T => doc.getElementById(id) as T
  const q = $<HTMLInputElement>('f-name')
  const grade = $<HTMLSelectElement>('f-grade')
  const col = $<HTMLSelectElement>('f-check')
  const status = $<HTMLSelectElement>('f-status')
  const show = $<HTMLSelectElement>('f-show')
  const size = $<HTMLSelectElement>('f-size')
  const live = $('status')
  const pageInfo = $('page-info')
  const btn = { first: $<HTMLButtonElement>('p-first'), prev: $<HTMLButtonElement>('p-prev'), next: $<HTMLButtonElement>('p-next'), last: $<HTMLButtonElement>('p-last') }
  const RANK: Record<string, number> = { f: 0, a: 1, u: 2, w: 3, n: 4, p: 5, '.': 6 }
  const lower = rows.map((r) => r[0].toLowerCase())
  const state = { key: 'score', dir: 1, page: 0, list: [] as number[] }
  doc.documentElement.classList.add('js')

  const value = (i: number, key: string): number | string | null => {
    const r = rows[i]!
    if (key === 'name') return lower[i]!
    if (key === 'score') return r[5]
    if (key === 'grade') return r[6]
    if (key === 'change') return r[7]
    if (key === 'gate') return r[9]
    const c = Number(key.slice(1))
    return r[3] === 'ok' ? RANK[r[10].charAt(c)]! : null
  }
  const compare = (a: number, b: number): number => {
    const va = value(a, state.key)
    const vb = value(b, state.key)
    // Missing values always sink to the end, whichever way the column is sorted.
    if (va === null || vb === null) return va === vb ? (lower[a]! < lower[b]! ? -1 : 1) : va === null ? 1 : -1
    if (va !== vb) return (va < vb ? -1 : 1) * state.dir
    return lower[a]! < lower[b]! ? -1 : lower[a]! > lower[b]! ? 1 : 0
  }
  const matches = (i: number): boolean => {
    const r = rows[i]!
    const text = q.value.trim().toLowerCase()
    if (text && !lower[i]!.includes(text)) return false
    if (show.value === 'ok' && r[3] !== 'ok') return false
    if (show.value === 'problem' && r[3] === 'ok') return false
    if (show.value === 'gate' && r[9] !== 0) return false
    if (grade.value === 'none' ? r[6] !== null || r[3] !== 'ok' : grade.value && r[6] !== grade.value) return false
    if (status.value) {
      if (r[3] !== 'ok') return false
      if (col.value === '') return r[10].includes(status.value)
      if (r[10].charAt(Number(col.value)) !== status.value) return false
    } else if (col.value !== '' && r[3] !== 'ok') return false
    return true
  }
  const el = (tag: string, cls?: string, text?: string): HTMLElement => {
    const e = doc.createElement(tag)
    if (cls) e.className = cls
    if (text !== undefined) e.textContent = text
    return e
  }
  const safeHref = (href: string | null, local: boolean): string | null => {
    if (!href) return null
    return local ? (/^repos\/[A-Za-z0-9._-]+\.html$/.test(href) ? href : null) : /^https?:\/\/[^\s"'<>]+$/.test(href) ? href : null
  }
  const badge = (code: string, title: string): HTMLElement => {
    const v = data.cells[code] || data.cells['.']!
    const s = el('span', 'st ' + v.cls)
    s.title = title + ': ' + v.label
    s.append(el('span', undefined, v.symbol), el('span', 'sr', v.label))
    s.firstElementChild!.setAttribute('aria-hidden', 'true')
    return s
  }
  const renderRow = (i: number): HTMLElement => {
    const r = rows[i]!
    const tr = el('tr')
    const th = el('th', 'repo')
    th.setAttribute('scope', 'row')
    const page = safeHref(r[1], true)
    if (page) {
      const a = el('a', undefined, r[0]) as HTMLAnchorElement
      a.href = page
      th.append(a)
    } else th.append(doc.createTextNode(r[0]))
    const url = safeHref(r[2], false)
    if (url) {
      const a = el('a', 'ext', '↗') as HTMLAnchorElement
      a.href = url
      a.rel = 'noopener noreferrer'
      a.setAttribute('aria-label', r[0] + ' on GitHub')
      th.append(a)
    }
    if (r[3] !== 'ok') th.append(el('span', 'state', data.states[r[3]] || r[3]))
    tr.append(th)
    const num = (v: number | null): HTMLElement => el('td', 'num', v === null ? '–' : String(v))
    tr.append(num(r[5]))
    const g = el('td', 'c')
    if (r[6]) g.append(el('span', 'grade ' + r[6], r[6]))
    else g.textContent = '–'
    tr.append(g)
    const ch = el('td', 'num')
    if (r[8]) ch.textContent = 'new'
    else if (r[7] !== null) {
      const d = r[7]
      const sign = el('span', d > 0 ? 'up' : d < 0 ? 'down' : '', d > 0 ? '▲ ' + d : d < 0 ? '▼ ' + -d : '=')
      sign.setAttribute('aria-hidden', 'true')
      ch.append(sign, el('span', 'sr', d > 0 ? 'up ' + d : d < 0 ? 'down ' + -d : 'unchanged'))
    }
    tr.append(ch)
    const gate = el('td', 'c')
    if (r[9] !== null) gate.append(badge(r[9] ? 'p' : 'f', 'Gate'))
    tr.append(gate)
    if (r[3] !== 'ok') {
      const note = el('td', 'note', r[4] || '')
      note.setAttribute('colspan', String(Math.max(1, ncol)))
      tr.append(note)
    } else {
      for (let c = 0; c < ncol; c++) {
        const td = el('td', 'c')
        td.append(badge(r[10].charAt(c), data.columns[c]!.title))
        tr.append(td)
      }
    }
    return tr
  }
  const render = (): void => {
    const per = Number(size.value) || data.pageSize
    const pages = Math.max(1, Math.ceil(state.list.length / per))
    state.page = Math.min(Math.max(0, state.page), pages - 1)
    const from = state.page * per
    const slice = state.list.slice(from, from + per)
    const frag = doc.createDocumentFragment()
    for (const i of slice) frag.append(renderRow(i))
    body.replaceChildren(frag)
    const total = state.list.length
    const header = doc.querySelector<HTMLElement>('th[aria-sort]:not([aria-sort=none])')
    const sorted = header ? ' Sorted by ' + (header.dataset.label || '') + ', ' + header.getAttribute('aria-sort') + '.' : ''
    live.textContent = (total === 0 ? 'No repository matches.' : 'Showing ' + (from + 1) + '–' + (from + slice.length) + ' of ' + total + ' matching ' + (total === 1 ? 'repository' : 'repositories') + ' (' + rows.length + ' in the fleet).') + sorted
    pageInfo.textContent = 'Page ' + (state.page + 1) + ' of ' + pages
    btn.first.disabled = btn.prev.disabled = state.page === 0
    btn.next.disabled = btn.last.disabled = state.page >= pages - 1
  }
  const refresh = (keepPage: boolean): void => {
    const list: number[] = []
    for (let i = 0; i < rows.length; i++) if (matches(i)) list.push(i)
    list.sort(compare)
    state.list = list
    if (!keepPage) state.page = 0
    render()
  }
  doc.querySelectorAll<HTMLButtonElement>('th button.sort').forEach((b) => {
    b.addEventListener('click', () => {
      const key = b.dataset.key!
      state.dir = state.key === key ? -state.dir : 1
      state.key = key
      doc.querySelectorAll('th[aria-sort]').forEach((th) => th.setAttribute('aria-sort', 'none'))
      b.closest('th')!.setAttribute('aria-sort', state.dir === 1 ? 'ascending' : 'descending')
      refresh(false)
    })
  })
  for (const f of [q, grade, col, status, show, size]) f.addEventListener(f === q ? 'input' : 'change', () => refresh(false))
  $('f-reset').addEventListener('click', () => {
    q.value = grade.value = col.value = status.value = show.value = ''
    refresh(false)
  })
  const go = (page: (p: number) => number) => (): void => {
    state.page = page(state.page)
    render()
  }
  btn.first.addEventListener('click', go(() => 0))
  btn.prev.addEventListener('click', go((p) => p - 1))
  btn.next.addEventListener('click', go((p) => p + 1))
  btn.last.addEventListener('click', go(() => Number.MAX_SAFE_INTEGER))
  doc.querySelectorAll<HTMLButtonElement>('button.count').forEach((b) => {
    b.addEventListener('click', () => {
      q.value = grade.value = show.value = ''
      col.value = b.dataset.col || ''
      status.value = b.dataset.status || ''
      refresh(false)
      const target = $('repositories')
      target.scrollIntoView()
      target.focus()
    })
  })
  doc.querySelector<HTMLElement>('.controls')?.removeAttribute('hidden')
  doc.querySelector<HTMLElement>('.pager')?.removeAttribute('hidden')
  refresh(false)
}
