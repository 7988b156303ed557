import { parentPort, workerData } from 'node:worker_threads'
import { runBaseJob, type BaseJob } from './base-commit.js'

/** The PR base's git work on a worker thread: bundled as `dist/base-worker.js` (see base-commit.ts). */
parentPort?.postMessage(runBaseJob(workerData as BaseJob))
