import { renderJson } from './json.js'
import { renderMarkdown } from './markdown.js'
import { renderSarif } from './sarif.js'
import { renderSummary } from './summary.js'
import { renderText } from './text.js'
import type { RenderOptions, Renderer, ReportFormat, ScanReport } from './types.js'

/**
 * Every output format, as pure functions from the report to a string.
 * The map is exhaustive over ReportFormat: a new format does not compile until it has a renderer.
 * Writing the strings anywhere is the caller's job (cli.ts, main.ts, github/).
 */
export const RENDERERS: Readonly<Record<ReportFormat, Renderer>> = {
  text: renderText,
  markdown: renderMarkdown,
  json: renderJson,
  sarif: renderSarif,
  summary: renderSummary
}

export function render(format: ReportFormat, report: ScanReport, options: RenderOptions): string {
  return RENDERERS[format](report, options)
}
