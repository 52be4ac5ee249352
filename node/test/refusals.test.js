'use strict'
// Refusals at the binding's edge: values napi-rs cannot convert are the
// catalogue's api.invalid_arguments naming the argument (a NIK as a number
// included: NIKs exceed 2^53), and bad options are refused at open with the
// core's codes. The store issue's refusals are in tests/journeys/refusals.json.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')

const lakse = require('..')
const { applicant, fixture, matchesCatalogue, tempDir } = require('./support')

const invalid = (field) => (e) => {
  assert.equal(e.code, 'api.invalid_arguments')
  assert.equal(e.field, field)
  matchesCatalogue(e)
  return true
}

test('pure functions refuse values of the wrong type', () => {
  assert.throws(() => lakse.parseNik(2171055209900001), invalid('text'))
  assert.throws(() => lakse.parseNik('2171055209900001', '2026-11-25'), invalid('today'))
  // An Invalid Date is refused, not read as 1970-01-01 (nor is one past chrono's range).
  assert.throws(() => lakse.parseNik('2171055209900001', new Date('x')), invalid('today'))
  assert.throws(() => lakse.parseNiks(['2171055209900001'], new Date('x')), invalid('today'))
  assert.throws(() => lakse.parseKk('2171050110150003', new Date(NaN)), invalid('today'))
  assert.throws(() => lakse.parseNik('2171055209900001', new Date(8.64e15)), invalid('today'))
  assert.throws(() => lakse.parseNiks('2171055209900001'), invalid('texts'))
  assert.throws(() => lakse.parseNiks(['2171055209900001', 12]), invalid('texts'))
  assert.throws(() => lakse.nextStatus('diajukan', 'approve', 'officer'), invalid('action'))
  assert.throws(() => lakse.verifyCoupon('x'), invalid('public_key'))
  assert.throws(() => lakse.maskPhone(81234567890), invalid('text'))
  assert.throws(() => lakse.parseEmail(), invalid('text'))
  assert.throws(() => lakse.initialStatus('boss'), invalid('actor'))
  assert.throws(() => lakse.allowedActions('selesai', 'boss'), invalid('actor'))
  assert.throws(() => lakse.statusLabel('open'), invalid('status'))
})

test('handle methods reject values of the wrong type', async () => {
  const handle = await lakse.Lakse.open(tempDir())
  await assert.rejects(handle.register(), invalid('email'))
  await assert.rejects(handle.createStaff('s', 'a@example.com', 'boss'), invalid('role'))
  await assert.rejects(handle.outbox(-1), invalid('limit'))
  const token = await applicant(handle, 0)
  await assert.rejects(handle.updateProfile(token, { nik: 2171055209900001 }), invalid('nik'))
  await assert.rejects(
    handle.complete(token, 'BTM-2026-000001-J', { pickupDate: new Date('tomorrow') }),
    invalid('pickup_date'),
  )
  // No number of the surface is a fraction: napi-rs would truncate it (NaN to 0).
  for (const n of [1.5, NaN, Infinity, 2 ** 60]) {
    await assert.rejects(handle.outbox(n), invalid('limit'))
    await assert.rejects(handle.retryOutbox(n), invalid('id'))
    await assert.rejects(handle.queue(token, null, null, { limit: n }), invalid('limit'))
  }
  await assert.rejects(
    handle.submit(token, {
      service: 'cetak_ktp_kk',
      documents: [{ slot: 'kk', fileName: 'kk.png', bytes: fixture('kk.png').toString('base64') }],
    }),
    invalid('bytes'),
  )
  await assert.rejects(handle.queue(token, 'open'), invalid('status'))
  await assert.rejects(handle.complete(token, 'BTM-2026-000001-X', { pickupDate: '2026-12-01' }), invalid('pickup_date'))
  await handle.close()
})

test('bad options are refused at open, naming the option', async () => {
  const dir = tempDir()
  const refused = async (options, code, field) =>
    assert.rejects(lakse.Lakse.open({ dataDir: path.join(dir, 'x'), ...options }), (e) => {
      assert.equal(e.code, code)
      assert.equal(e.field, field)
      matchesCatalogue(e)
      return true
    })
  await refused({ numberPrefix: 'btm' }, 'options.invalid_prefix', 'number_prefix')
  await refused({ sessionTtlSeconds: 0 }, 'options.invalid_lifetime', 'session_ttl_seconds')
  await refused({ confirmationTtlSeconds: -5 }, 'options.invalid_lifetime', 'confirmation_ttl_seconds')
  await refused({ officeKey: 'short' }, 'options.invalid', 'office_key')
  await refused(
    { delivery: { kind: 'smtp', host: 'localhost', port: 70000, security: 'tls', timeoutSeconds: 5 } },
    'options.invalid',
    'port',
  )
  await assert.rejects(lakse.Lakse.open({ dataDir: 5 }), invalid('data_dir'))
  await assert.rejects(lakse.Lakse.open(), invalid('options'))
})
