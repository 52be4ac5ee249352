'use strict'
// Runs every tests/journeys/*.json (format: tests/journeys/README.md) through
// this package: one handle per file, JSON arguments converted to native
// values by api.json's types, native results converted back for matching.
// Every result is also printed (JSON.stringify, util.inspect) and must not
// show any NIK, No KK, token, password or address it holds.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const util = require('node:util')

const lakse = require('..')
const { repo, api, camel, schemaOf, toNative, toJson, tempDir } = require('./support')

const dir = path.join(repo, 'tests', 'journeys')
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
const ops = new Map(api.operations.map((op) => [op.name, op]))

function substitute(value, vars) {
  if (typeof value === 'string') {
    const whole = /^\$\{(\w+)\}$/.exec(value)
    if (whole && whole[1] in vars) return vars[whole[1]]
    return value.replace(/\$\{(\w+)\}/g, (m, name) =>
      name in vars ? (typeof vars[name] === 'string' ? vars[name] : JSON.stringify(vars[name])) : m,
    )
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars))
  if (value && typeof value === 'object') {
    if (Object.keys(value).length === 1 && '$fixture' in value) {
      return fs.readFileSync(path.join(repo, 'tests', 'fixtures', value.$fixture))
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]))
  }
  return value
}

function mismatch(pattern, found, at = '') {
  if (pattern === null) return null
  if (Array.isArray(pattern)) {
    if (!Array.isArray(found) || found.length !== pattern.length) {
      return `${at}: expected ${JSON.stringify(pattern)}, found ${JSON.stringify(found)}`
    }
    for (let i = 0; i < pattern.length; i++) {
      const m = mismatch(pattern[i], found[i], `${at}/${i}`)
      if (m) return m
    }
    return null
  }
  if (typeof pattern === 'object') {
    if (!found || typeof found !== 'object') return `${at}: expected an object, found ${found}`
    for (const [k, v] of Object.entries(pattern)) {
      if (!(k in found)) return `${at}/${k} missing`
      const m = mismatch(v, found[k], `${at}/${k}`)
      if (m) return m
    }
    return null
  }
  return pattern === found ? null : `${at}: expected ${JSON.stringify(pattern)}, found ${JSON.stringify(found)}`
}

function pointer(value, ptr) {
  if (ptr === '') return value
  return ptr
    .split('/')
    .slice(1)
    .reduce((v, key) => {
      const k = key.replace(/~1/g, '/').replace(/~0/g, '~')
      assert.ok(v !== null && typeof v === 'object' && k in v, `nothing at ${ptr}`)
      return v[k]
    }, value)
}

function capture(spec, result) {
  if (typeof spec === 'string') return pointer(result, spec)
  const item = [...result].reverse().find((i) => mismatch(spec.where, i) === null)
  assert.ok(item, `no item matches ${JSON.stringify(spec.where)}`)
  return capture(spec.pick, item)
}

async function call(handle, op, args) {
  const native = op.args.map((a) => toNative(args[a.name], schemaOf(a.type)))
  if (op.receiver === 'pure') return lakse[camel(op.name)](...native)
  return handle[camel(op.name)](...native)
}

for (const file of files) {
  test(`journey ${file}`, async () => {
    const journey = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))
    const options = { ...(journey.options || {}), data_dir: path.join(tempDir(), 'data') }
    const handle = await lakse.Lakse.open(toNative(options, { $ref: '#/$defs/OpenOptions' }))
    const vars = {}
    for (const [i, step] of journey.steps.entries()) {
      const at = `${file} step ${i} (${step.op})`
      const op = ops.get(step.op)
      assert.ok(op, `${at}: not in api.json`)
      const args = substitute(step.args || {}, vars)
      const expect = substitute(step.expect || { ok: null }, vars)
      let result
      try {
        result = await call(handle, op, args)
      } catch (error) {
        assert.ok('error' in expect, `${at}: failed with ${error.code} (${error.message})`)
        assert.equal(error.code, expect.error, `${at}: ${error.message}`)
        if ('field' in expect) assert.equal(error.field, expect.field, `${at}: field`)
        assert.ok(error instanceof Error, `${at}: an Error`)
        continue
      }
      assert.ok(!('error' in expect), `${at}: expected ${expect.error}, succeeded`)
      const exposed = new Set()
      const json = toJson(result, schemaOf(op.returns), exposed)
      const m = mismatch(expect.ok, json)
      assert.equal(m, null, `${at}: ${m}`)
      for (const [name, spec] of Object.entries(step.capture || {})) vars[name] = capture(spec, json)
      const shown = JSON.stringify(result) + util.inspect(result, { depth: Infinity })
      for (const secret of exposed) {
        if (secret.length >= 6) assert.ok(!shown.includes(secret), `${at}: printed ${secret}`)
      }
    }
  })
}

test('the journeys are there', () => {
  assert.ok(files.length >= 6, `only ${files.length} journeys`)
})
