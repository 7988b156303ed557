/**
 * Every bound the fleet puts on untrusted input, in one place. Reports come from many teams' jobs:
 * a huge file, thousands of files or a report with a million evidence items must cost a bounded
 * amount of time and memory, and whatever is cut is said.
 */
export const LIMITS = {
  /** Report files read in one run (more are counted and named in a note). */
  reports: 5_000,
  /** Bytes of one report file; a larger file is listed as unreadable without being read. */
  reportBytes: 16 * 1024 * 1024,
  /** Bytes read over the whole run; files after the budget is spent are listed as unreadable. */
  totalBytes: 1024 * 1024 * 1024,
  /** Bytes of `--previous` and `--expected` files. */
  sideFileBytes: 64 * 1024 * 1024,
  /** Directory depth searched for `*.json` reports. */
  depth: 8,
  /** Checks kept per report, and distinct check ids kept across the fleet. */
  checksPerReport: 64,
  columns: 48,
  /** Evidence items kept per check for the detail page. */
  evidencePerCheck: 3,
  servicesPerReport: 50,
  warningsPerReport: 5,
  /** Characters of one name, summary, evidence message or path. */
  name: 140,
  summary: 300,
  message: 300,
  path: 300,
  note: 300,
  /** Names listed in one note before "and N more". */
  namesInNote: 10
} as const
