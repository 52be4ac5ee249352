'use strict'
// util.inspect and JSON.stringify of every result object mask NIKs, No KKs,
// tokens, passwords and e-mail addresses; each is reached only through an
// explicit accessor (expose(), get(), toObject()).

const test = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')

const lakse = require('..')
const { applicant, fixture, nikOf, officer, tempDir } = require('./support')

/** Neither printed form of `value` shows any of `secrets`. */
function masks(value, secrets, note) {
  const shown = [
    JSON.stringify(value),
    util.inspect(value, { depth: Infinity }),
    util.format('%o %j %s', value, value, value),
  ].join('\n')
  for (const secret of secrets) assert.ok(!shown.includes(secret), `${note} shows ${secret}`)
  return shown
}

test('parsed NIK and No KK', () => {
  const nik = lakse.parseNik('2171 0552 0990 0001')
  const shown = masks(nik, ['2171055209900001'], 'NikRecord')
  assert.match(shown, /2171xxxxxxxx0001/)
  assert.equal(nik.nik.expose(), '2171055209900001')
  assert.equal(`${nik.nik}`, '2171xxxxxxxx0001')
  assert.equal(util.inspect(nik.nik), 'IdNumber(2171xxxxxxxx0001)')
  const batch = lakse.parseNiks(['2171055209900001', '12'])
  masks(batch, ['2171055209900001'], 'parseNiks')
  const kk = lakse.parseKk('2171.0501.1015.0003')
  masks(kk, ['2171050110150003'], 'KkRecord')
  assert.equal(kk.noKk.expose(), '2171050110150003')
})

test('parsed e-mail address', () => {
  const email = lakse.parseEmail(' DifaAnandaPutri1@Gmail.com ')
  // The key differs from the address only in case: the check must catch both.
  const shown = masks(email, ['DifaAnandaPutri1@Gmail.com', 'difaanandaputri1@gmail.com'], 'EmailRecord')
  assert.match(shown, /D\*\*\*1@Gmail\.com/)
  assert.deepEqual(JSON.parse(JSON.stringify(email)), {
    address: 'D***1@Gmail.com',
    key: 'd***1@gmail.com',
    masked: 'D***1@Gmail.com',
  })
  assert.equal(email.address.expose(), 'DifaAnandaPutri1@Gmail.com')
  assert.equal(email.key.expose(), 'difaanandaputri1@gmail.com')
})

test('sessions, accounts, profiles, outbox messages and the officer view', async () => {
  const handle = await lakse.Lakse.open(tempDir())
  const email = 'warga0@example.com'
  const token = await applicant(handle, 0)
  const staff = await officer(handle)

  const session = await handle.login(email, 'kata-sandi-2024')
  const shown = masks(session, [session.token.expose(), email], 'Session')
  assert.match(shown, /<redacted>/)
  assert.equal(JSON.parse(JSON.stringify(session)).token, '<redacted>')
  assert.equal(JSON.parse(JSON.stringify(session)).email, 'w***0@example.com')

  masks(await handle.whoami(token), [email], 'Account')
  const profile = await handle.profile(token)
  masks(profile, [email, nikOf(0), '2171050110150003'], 'Profile')
  assert.equal(profile.nik.expose(), nikOf(0))

  // A KIA application holds the child's NIK among its fields.
  const childNik = '2171051203150002'
  const summary = await handle.submit(token, {
    service: 'kia',
    fields: { child_nik: childNik },
    documents: [
      { slot: 'kk', fileName: 'kk.png', bytes: fixture('kk.png') },
      { slot: 'akta_kelahiran_anak', fileName: 'form.pdf', bytes: fixture('form.pdf') },
      { slot: 'form_f1', fileName: 'form.pdf', bytes: fixture('form.pdf') },
    ],
  })
  const mine = await handle.application(token, summary.number)
  assert.equal(mine.nikForOfficer, null)
  assert.equal(mine.fields.get('child_nik'), childNik)
  masks(mine, [childNik, nikOf(0), email], 'ApplicationDetail (applicant)')
  const seen = await handle.application(staff.officer, summary.number)
  assert.equal(seen.nikForOfficer.expose(), nikOf(0))
  masks(seen, [childNik, nikOf(0), email], 'ApplicationDetail (officer)')
  masks(await handle.queue(staff.officer), [nikOf(0)], 'ApplicationPage')
  masks(await handle.auditLog(staff.admin), [nikOf(0), email], 'AuditPage')

  // The outbox holds link tokens and one-time passwords.
  const outbox = await handle.outbox(100)
  const secrets = outbox.flatMap((m) => [m.to.expose(), m.data.get('token'), m.data.get('password')])
  masks(
    outbox,
    secrets.filter((s) => s),
    'OutboxMessage',
  )
  const confirmation = outbox.find((m) => m.kind === 'confirmation')
  assert.equal(confirmation.data.toJSON().token, '<redacted>')
  assert.equal(confirmation.data.toObject().token.length > 10, true)
  await handle.close()
})

test('errors name no NIK, token or address', async () => {
  const handle = await lakse.Lakse.open(tempDir())
  for (const text of ['2171135209900001', '2171053209900001', '217105520990000']) {
    assert.throws(
      () => lakse.parseNik(text),
      (e) => !JSON.stringify({ ...e, message: e.message }).includes(text),
    )
  }
  // A NIK given as a number (napi-rs's own message would quote it).
  const asNumber = 2171055209900001
  const quiet = (e) => {
    assert.equal(e.code, 'api.invalid_arguments')
    return !`${e.message} ${e.stack}`.includes(String(asNumber))
  }
  assert.throws(() => lakse.parseNik(asNumber), quiet)
  assert.throws(() => lakse.parseNiks(['2171055209900001', asNumber]), quiet)
  assert.throws(() => lakse.maskNik(asNumber), quiet)
  assert.throws(() => lakse.maskKk(asNumber), quiet)
  await assert.rejects(handle.updateProfile('token', { nama: 'A', nik: asNumber }), quiet)
  await assert.rejects(handle.login('warga@example.com', 'salah-sandi-1234'), (e) => {
    assert.equal(e.code, 'auth.invalid_credentials')
    return !e.message.includes('warga@example.com') && !e.message.includes('salah-sandi')
  })
  await handle.close()
})
