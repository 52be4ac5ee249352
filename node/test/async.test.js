'use strict'
// Handle operations run off the event loop and settle as Promises.

// More busy pool threads than free cores leave the loop's own thread waiting
// for a core (on a 2-core machine, gaps of 100 ms with libuv's default of 4),
// which says nothing of the binding: keep one core for the loop. Set before
// anything starts the pool; node:test runs each file in its own process.
process.env.UV_THREADPOOL_SIZE = String(Math.max(1, require('node:os').availableParallelism() - 1))

const test = require('node:test')
const assert = require('node:assert/strict')
const { performance } = require('node:perf_hooks')

const lakse = require('..')
const { api, applicant, camel, ktpRusak, schemaOf, tempDir, toNative } = require('./support')

test('a 1 ms timer keeps firing while 100 submissions run at once', async () => {
  const handle = await lakse.Lakse.open(tempDir())
  // 100 applicants, each with a NIK of their own (set up concurrently too).
  const sessions = await Promise.all(Array.from({ length: 100 }, (_, i) => applicant(handle, i)))

  const ticks = []
  const timer = setInterval(() => ticks.push(performance.now()), 1)
  await new Promise((resolve) => setTimeout(resolve, 20))
  const start = performance.now()
  const pending = sessions.map((s, i) => handle.submit(s, ktpRusak(`form-${i}`)))
  const issued = performance.now() - start
  const summaries = await Promise.all(pending)
  const end = performance.now()
  clearInterval(timer)

  assert.equal(new Set(summaries.map((s) => s.number)).size, 100)
  assert.ok(summaries.every((s) => s.status === 'diajukan'))
  // Issuing converts the arguments on the JavaScript thread (the uploads
  // are copied); from then on the loop is free while the pool works.
  const issuedAt = start + issued
  const during = ticks.filter((t) => t >= issuedAt && t <= end)
  const gaps = [issuedAt, ...during, end].slice(1).map((t, i, all) => t - (i ? all[i - 1] : issuedAt))
  const working = end - issuedAt
  console.log(
    `100 submissions: ${(end - start).toFixed(0)} ms, issued in ${issued.toFixed(1)} ms; ` +
      `${during.length} timer ticks in the ${working.toFixed(0)} ms after, longest gap ${Math.max(...gaps).toFixed(1)} ms`,
  )
  // Had the calls blocked the loop, no tick would fall before they all
  // ended: one gap would span the whole work. The bounds allow for a busy
  // 2-core machine, where settling 100 results and a GC pause can hold the
  // loop for tens of milliseconds.
  assert.ok(during.length >= Math.min(10, working / 4), `${during.length} ticks in ${working} ms`)
  assert.ok(Math.max(...gaps) < Math.max(100, working * 0.6), `a gap of ${Math.max(...gaps)} ms in ${working} ms`)
  const mine = await handle.myApplications(sessions[7])
  assert.equal(mine.total, 1)
  await handle.close()
})

test('a handle call returns a Promise at once, even when it fails', async () => {
  const handle = await lakse.Lakse.open(tempDir())
  const p = handle.whoami('no-such-session')
  assert.ok(p instanceof Promise)
  await assert.rejects(p, { code: 'auth.session_invalid', family: 'auth', number: 2006 })
  const q = handle.login('warga@example.com') // the password is missing
  assert.ok(q instanceof Promise)
  await assert.rejects(q, { code: 'api.invalid_arguments', field: 'password' })
  await handle.close()
  await assert.rejects(handle.services(), { code: 'handle.closed' })
})

test('pure functions are synchronous', () => {
  const record = lakse.parseNik('2171 0552 0990 0001', new Date('2026-11-25'))
  assert.equal(typeof record.then, 'undefined')
  assert.equal(record.birthDate.toISOString(), '1990-09-12T00:00:00.000Z')
  assert.equal(lakse.nextStatus('diajukan', 'accept', 'officer'), 'diproses')
})

test('a closed handle refuses every operation', async () => {
  const handle = await lakse.Lakse.open(tempDir())
  await handle.close()
  const sample = {
    string: 'x',
    date: '2026-12-05',
    bytes: Buffer.from('x').toString('base64'),
    Actor: 'officer',
    NewApplication: { service: 'x' },
  }
  const value = (name, type) => {
    if (/password/.test(name)) return 'kata-sandi-2024'
    if (name === 'email') return 'warga@example.com'
    if (name === 'nik') return '2171055209900001'
    if (name === 'number') return 'BTM-2026-000123-C'
    if (type in sample) return sample[type]
    if (/^optional</.test(type)) return null
    if (/^list</.test(type)) return []
    if (/^[iu](8|16|32|64)$/.test(type)) return 1
    return {}
  }
  for (const op of api.operations.filter((o) => o.receiver === 'handle' && o.name !== 'close')) {
    const args = op.args.map((a) => toNative(value(a.name, a.type), schemaOf(a.type)))
    await assert.rejects(handle[camel(op.name)](...args), { code: 'handle.closed' }, op.name)
  }
})
