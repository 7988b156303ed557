import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import { safeRead, type RawRead } from './safe-read.js'

/**
 * Reads a work tree's files on a second thread while the scan computes on the first. Opening and
 * reading 100,000 small files is mostly system-call time, which a worker thread takes off the
 * scan's path; the scan stays synchronous and simply finds most files already read.
 *
 * Each listed file is claimed exactly once, by whichever thread gets there first (a shared
 * compare-and-swap per file): a file the scan needs before the worker reaches it is read by the
 * scan itself, as without read-ahead, and the worker skips it. Bytes cross threads without a copy
 * (transferred buffers); decoding, caching and every statistic stay with the snapshot, so a scan
 * with read-ahead reports exactly what one without it does. The worker runs the very same
 * `safeRead` (its source text), so it obeys the same root, symlink, special-file and size rules.
 * If the worker cannot start or dies, every file simply falls back to the scan's own read.
 */

const FREE = 0
const MAIN = 2
/** Shared state slots: batches posted, worker finished, scan waiting. */
const POSTED = 0
const DONE = 1
const WAITING = 2
/** Longest the scan waits for one file the worker claimed before reading it itself. */
const MAX_WAIT_MS = 10_000

interface Posted {
  readonly i: number
  readonly raw: RawRead
}

interface WorkerData {
  readonly rootReal: string
  readonly sep: string
  readonly cap: number
  readonly paths: readonly string[]
  readonly claims: SharedArrayBuffer
  readonly signal: SharedArrayBuffer
  readonly port: MessagePort
}

/** The worker's loop (its source text runs in the worker: nothing imported may be used). */
function workerMain(fs: Parameters<typeof safeRead>[0], data: WorkerData, read: typeof safeRead): void {
  const claims = new Int32Array(data.claims)
  const signal = new Int32Array(data.signal)
  const dirs = new Map<string, string>()
  let batch: Posted[] = []
  let transfer: ArrayBuffer[] = []
  let bytes = 0
  const flush = (): void => {
    if (batch.length === 0) return
    data.port.postMessage(batch, transfer)
    batch = []
    transfer = []
    bytes = 0
    Atomics.add(signal, 0, 1)
    Atomics.notify(signal, 0)
  }
  try {
    for (let i = 0; i < data.paths.length; i++) {
      if (Atomics.compareExchange(claims, i, 0, 1) !== 0) continue
      const raw = read(fs, data.sep, data.rootReal, data.paths[i]!, data.cap, dirs, (n) => new Uint8Array(n))
      if (raw.kind === 'bytes') {
        transfer.push(raw.bytes.buffer as ArrayBuffer)
        bytes += raw.bytes.byteLength
      }
      batch.push({ i, raw })
      if (batch.length >= 64 || bytes >= 1024 * 1024 || Atomics.load(signal, 2) !== 0) flush()
    }
  } finally {
    flush()
    Atomics.store(signal, 1, 1)
    Atomics.notify(signal, 0)
  }
}

const WORKER_SOURCE = `'use strict'
const fs = require('node:fs')
const { workerData } = require('node:worker_threads')
const safeRead = ${safeRead.toString()}
;(${workerMain.toString()})(fs, workerData, safeRead)
`

export class ReadAhead {
  private readonly index = new Map<string, number>()
  private readonly claims: Int32Array
  private readonly signal: Int32Array
  private readonly pending = new Map<number, RawRead>()
  private readonly port: MessagePort
  private readonly worker: Worker | null

  /** Starts reading `paths` (in that order) under `rootReal`, each capped at `cap` bytes. */
  constructor(rootReal: string, sep: string, paths: readonly string[], cap: number) {
    paths.forEach((p, i) => this.index.set(p, i))
    const claims = new SharedArrayBuffer(4 * Math.max(1, paths.length))
    const signal = new SharedArrayBuffer(4 * 3)
    this.claims = new Int32Array(claims)
    this.signal = new Int32Array(signal)
    const { port1, port2 } = new MessageChannel()
    this.port = port1
    let worker: Worker | null = null
    try {
      const data: WorkerData = { rootReal, sep, cap, paths, claims, signal, port: port2 }
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: data, transferList: [port2] })
      // Never keep the process alive, and never let a worker failure reach the scan: the scan
      // reads for itself whatever the worker did not deliver.
      worker.unref()
      worker.on('error', () => Atomics.store(this.signal, DONE, 1))
    } catch {
      Atomics.store(this.signal, DONE, 1)
    }
    this.worker = worker
    port1.unref()
  }

  /**
   * The worker's read of a file, or undefined when the caller must read it itself (not on the
   * list, not reached yet — the worker will then skip it — or the worker is gone).
   */
  take(path: string): RawRead | undefined {
    const i = this.index.get(path)
    if (i === undefined) return undefined
    const ready = this.pending.get(i)
    if (ready) return this.use(i, ready)
    const was = Atomics.compareExchange(this.claims, i, FREE, MAIN)
    if (was === FREE || was === MAIN) return undefined
    // The worker has it: it is posted or about to be.
    const deadline = Date.now() + MAX_WAIT_MS
    Atomics.store(this.signal, WAITING, 1)
    try {
      for (;;) {
        const seen = Atomics.load(this.signal, POSTED)
        this.drain()
        const got = this.pending.get(i)
        if (got) return this.use(i, got)
        if (Atomics.load(this.signal, DONE) === 1) {
          this.drain()
          const last = this.pending.get(i)
          return last ? this.use(i, last) : undefined
        }
        if (Date.now() > deadline) return undefined
        Atomics.wait(this.signal, POSTED, seen, 50)
      }
    } finally {
      Atomics.store(this.signal, WAITING, 0)
    }
  }

  /** Stops the worker (reads already delivered stay usable). */
  stop(): void {
    // Claim everything still free, so a running worker finds nothing left to do.
    for (let i = 0; i < this.claims.length; i++) Atomics.compareExchange(this.claims, i, FREE, MAIN)
    void this.worker?.terminate()
    this.pending.clear()
    this.port.close()
  }

  private use(i: number, raw: RawRead): RawRead {
    this.pending.delete(i)
    return raw
  }

  private drain(): void {
    for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) {
      for (const p of m.message as Posted[]) this.pending.set(p.i, p.raw)
    }
  }
}
