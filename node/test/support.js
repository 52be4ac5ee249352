'use strict'
// Shared by the tests: the repository's files, and the conversion between the
// JSON of tests/vectors/api.json (snake_case records, dates as text, bytes as
// base64) and this package's native values (camelCase, Date, Buffer, the
// privacy wrappers), directed by api.json's types.

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const repo = path.resolve(__dirname, '..', '..')
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(repo, rel), 'utf8'))
const api = readJson('tests/vectors/api.json')

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

/** The JSON Schema of a neutral type (`optional<date>`, `Page`). */
function schemaOf(type) {
  const inner = /^(optional|list)<(.*)>$/.exec(type)
  if (inner && inner[1] === 'optional') return { anyOf: [schemaOf(inner[2]), { type: 'null' }] }
  if (inner) return { type: 'array', items: schemaOf(inner[2]) }
  const plain = {
    void: { type: 'null' },
    string: { type: 'string' },
    bool: { type: 'boolean' },
    date: { type: 'string', format: 'date' },
    timestamp: { type: 'string', format: 'date-time' },
    bytes: { $ref: '#/$defs/Bytes' },
  }
  if (plain[type]) return plain[type]
  if (/^[iu](8|16|32|64|size)$/.test(type)) return { type: 'integer' }
  return { $ref: `#/$defs/${type}` }
}

function deref(schema) {
  while (schema && schema.$ref) schema = api.types[schema.$ref.split('/').pop()]
  return schema || {}
}

const nonNull = (schema) => (schema.anyOf || []).find((s) => s.type !== 'null')
const variantOf = (schema, kind) =>
  schema.oneOf.find((v) => v.properties && v.properties.kind && v.properties.kind.const === kind)
const isBytes = (schema) => schema.format === 'bytes'

/** JSON (as in api.json) to the native argument. */
function toNative(json, schema) {
  if (json === null || json === undefined) return json
  schema = deref(schema)
  if (schema.anyOf) return toNative(json, nonNull(schema))
  if (isBytes(schema)) return Buffer.isBuffer(json) ? json : Buffer.from(json, 'base64')
  if (schema.format === 'date' || schema.format === 'date-time') return new Date(json)
  if (Array.isArray(json)) return json.map((item) => toNative(item, schema.items || {}))
  if (typeof json !== 'object') return json
  const shape = schema.oneOf ? variantOf(schema, json.kind) || {} : schema
  if (!shape.properties) return json // a map: keys are data
  return Object.fromEntries(
    Object.entries(json).map(([k, v]) => [camel(k), toNative(v, shape.properties[k] || {})]),
  )
}

/**
 * A native result to JSON (as in api.json). Every value unwrapped from a
 * privacy wrapper is added to `exposed`, for the masking checks.
 */
function toJson(value, schema, exposed = new Set()) {
  if (value === null || value === undefined) return null
  schema = deref(schema)
  if (schema.anyOf) return toJson(value, nonNull(schema), exposed)
  if (typeof value.expose === 'function') {
    const text = value.expose()
    if (text) exposed.add(text)
    return text
  }
  if (typeof value.toObject === 'function') {
    const map = value.toObject()
    const masked = value.toJSON()
    for (const k of Object.keys(map)) if (map[k] !== masked[k]) exposed.add(map[k])
    return map
  }
  if (Buffer.isBuffer(value)) return value.toString('base64')
  if (value instanceof Date) {
    const text = value.toISOString()
    return schema.format === 'date' ? text.slice(0, 10) : text
  }
  if (Array.isArray(value)) return value.map((item) => toJson(item, schema.items || {}, exposed))
  if (typeof value !== 'object') return value
  const shape = schema.oneOf ? variantOf(schema, value.kind) || {} : schema
  if (!shape.properties) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v, {}, exposed)]))
  }
  return Object.fromEntries(
    Object.entries(shape.properties).map(([k, s]) => [k, toJson(value[camel(k)], s, exposed)]),
  )
}

/** A fresh temporary data folder. */
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lakse-node-'))

module.exports = { repo, readJson, api, camel, schemaOf, toNative, toJson, tempDir }
