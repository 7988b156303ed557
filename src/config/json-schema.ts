import { CONFIG_SCHEMA, type Node } from './schema.js'

/**
 * Where the editor schema is published. Editors use it to associate the file, e.g. with a
 * `# yaml-language-server: $schema=<this URL>` comment at the top of `.github/shipshape.yml`.
 */
export const CONFIG_SCHEMA_ID = 'https://raw.githubusercontent.com/shipshape-dev/shipshape/main/schema/config.schema.json'

/** The repository path of the generated file (guarded by test/config/json-schema.test.ts). */
export const CONFIG_SCHEMA_PATH = 'schema/config.schema.json'

type JsonSchema = Record<string, unknown>

/**
 * JSON Schema (draft-07, which YAML editors support best) for one node. It states the same rules
 * as validate.ts: integer ranges, non-empty strings, calendar dates, closed mappings.
 */
export function nodeToJsonSchema(node: Node): JsonSchema {
  const description = node.description
  switch (node.kind) {
    case 'integer':
      return { description, type: 'integer', minimum: node.min, maximum: node.max, default: node.default }
    case 'boolean':
      return { description, type: 'boolean', default: node.default }
    case 'string':
      // "\\S": not empty and not only whitespace, as the validator requires.
      return { description, type: 'string', minLength: 1, maxLength: node.maxLength, pattern: '\\S' }
    case 'date':
      return { description, type: 'string', format: 'date', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }
    case 'enum':
      return { description, type: 'string', enum: [...node.values], ...(node.default !== undefined ? { default: node.default } : {}) }
    case 'array':
      return { description, type: 'array', items: nodeToJsonSchema(node.items), maxItems: node.maxItems }
    case 'object': {
      const properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, nodeToJsonSchema(v)]))
      return {
        description,
        type: 'object',
        properties,
        ...(node.required.length > 0 ? { required: [...node.required] } : {}),
        additionalProperties: false
      }
    }
    case 'either':
      return { description, oneOf: node.options.map(nodeToJsonSchema) }
  }
}

/** The whole editor schema for the config file. */
export function configJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: 'Shipshape configuration',
    ...nodeToJsonSchema(CONFIG_SCHEMA)
  }
}

/** The file's exact text: stable key order, two-space indent, final newline. */
export function configJsonSchemaText(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n'
}
