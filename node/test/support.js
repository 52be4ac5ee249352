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

const catalogue = new Map(readJson('tests/vectors/errors.json').errors.map((e) => [e.code, e]))

/** Asserts that a thrown error carries its catalogue entry. */
function matchesCatalogue(error) {
  const assert = require('node:assert/strict')
  const entry = catalogue.get(error.code)
  assert.ok(entry, `${error.code} is not in errors.json`)
  assert.equal(error.number, entry.number, error.code)
  assert.equal(error.family, entry.family, error.code)
  assert.equal(error.retryable, entry.retryable, error.code)
  assert.equal(error.messageId, entry.message_id, error.code)
}

module.exports = { matchesCatalogue, repo, readJson, api, camel, schemaOf, toNative, toJson, tempDir }

const fixture = (name) => fs.readFileSync(path.join(repo, 'tests', 'fixtures', name))

/** A NIK of a woman born 12 Sep 1990 in Bulang, Batam, with serial `i + 1`. */
const nikOf = (i) => `217105520990${String(i + 1).padStart(4, '0')}`

/**
 * Registers, confirms and logs in applicant `i` with a complete profile;
 * resolves to the session token.
 */
async function applicant(handle, i) {
  const email = `warga${i}@example.com`
  await handle.register(email)
  const link = (await handle.outbox(1000))
    .filter((m) => m.kind === 'confirmation' && m.to.expose() === email)
    .pop()
  await handle.confirmWithPassword(link.data.get('token'), 'kata-sandi-2024')
  const session = await handle.login(email, 'kata-sandi-2024')
  const token = session.token.expose()
  await handle.updateProfile(token, {
    nama: `Warga ${i}`,
    nik: nikOf(i),
    noKk: '2171.0501.1015.0003',
    whatsapp: '0812-7000-1234',
    hp: '0812 7000 1234',
    sex: 'Perempuan',
    birthPlace: 'Batam',
  })
  return token
}

/** Cetak KTP/KK for a damaged KTP, with every document it needs. */
const ktpRusak = (key) => ({
  service: 'cetak_ktp_kk',
  subtype: 'ktp_rusak',
  keterangan: 'KTP rusak terkena air',
  idempotencyKey: key,
  documents: [
    { slot: 'kk', fileName: 'kk.png', bytes: fixture('kk.png') },
    { slot: 'ktp_rusak', fileName: 'ktp-rusak.jpg', bytes: fixture('ktp-rusak.jpg') },
    { slot: 'form_f1', fileName: 'form.pdf', bytes: fixture('form.pdf') },
    { slot: 'form_f2', fileName: 'form.pdf', bytes: fixture('form.pdf') },
    { slot: 'swafoto', fileName: 'selfie.jpg', bytes: fixture('selfie.jpg') },
  ],
})

/** An officer's session (and the admin's), on a handle with no staff yet. */
async function officer(handle) {
  const admin = await handle.login(
    (await handle.bootstrapAdmin('admin@example.com', 'admin-rahasia-2024')).email.expose(),
    'admin-rahasia-2024',
  )
  await handle.createStaff(admin.token.expose(), 'petugas@example.com', 'officer')
  const otp = (await handle.outbox(1000))
    .filter((m) => m.kind === 'credentials' && m.to.expose() === 'petugas@example.com')
    .pop()
    .data.get('password')
  const first = await handle.login('petugas@example.com', otp)
  await handle.changePassword(first.token.expose(), otp, 'petugas-rahasia-2024')
  const session = await handle.login('petugas@example.com', 'petugas-rahasia-2024')
  return { officer: session.token.expose(), admin: admin.token.expose() }
}

Object.assign(module.exports, { fixture, nikOf, applicant, ktpRusak, officer })
