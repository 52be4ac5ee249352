'use strict'
// The shared vectors of tests/vectors/ that apply to what this package
// exposes: nik.json (strict cases through parseNik and parseNiks, lenient
// ones through maskNik), kk.json (strict cases through parseKk, lenient ones
// through maskKk), phone.json (normalizePhone and maskPhone), email.json
// (parseEmail), transitions.json (nextStatus, initialStatus, statusLabel and
// allowedActions), catalog.json (the built-in catalog through services(), and
// the broken catalogs refused at open) and errors.json (every error checked
// here carries its catalogue entry's number, family, retryability and
// Indonesian message).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const lakse = require('..')
const { matchesCatalogue, readJson, tempDir } = require('./support')

/** Asserts `fn` throws the catalogue's error `expected` ({code, field}). */
function throwsCode(fn, expected, note) {
  let error
  try {
    fn()
  } catch (e) {
    error = e
  }
  assert.ok(error instanceof Error, `${note}: expected ${expected.code}, succeeded`)
  assert.equal(error.code, expected.code, `${note}: ${error.message}`)
  if ('field' in expected) assert.equal(error.field, expected.field, `${note}: field`)
  matchesCatalogue(error)
}

const day = (date) => date.toISOString().slice(0, 10)

function checkRecord(record, ok, dateKey) {
  assert.equal(record.provinceCode, ok.province)
  assert.equal(record.regencyCode, ok.regency)
  assert.equal(record.districtCode, ok.district)
  assert.equal(day(record[dateKey]), ok[dateKey === 'birthDate' ? 'birth_date' : 'issue_date'])
  assert.equal(record.serial, ok.serial)
  assert.equal(record.masked, ok.masked)
  assert.equal(record.retired, ok.retired)
  assert.equal(record.successorCode, ok.successor)
  assert.equal(record.districtName, ok.district_name)
  if ('sex' in ok) assert.equal(record.sex, ok.sex)
}

test('nik.json', () => {
  const vectors = readJson('tests/vectors/nik.json')
  const today = new Date(vectors.today)
  const strict = vectors.cases.filter((c) => c.mode === 'strict')
  for (const c of strict) {
    const note = `${JSON.stringify(c.input)} (${c.note})`
    if (c.ok) {
      const record = lakse.parseNik(c.input, today)
      checkRecord(record, c.ok, 'birthDate')
      assert.equal(typeof record.nik.expose(), 'string')
      assert.equal(record.nik.expose(), c.input.replace(/[^0-9]/g, ''), note)
    } else {
      throwsCode(() => lakse.parseNik(c.input, today), c.error, note)
    }
  }
  // The batch gives the same verdicts, item by item.
  const outcomes = lakse.parseNiks(
    strict.map((c) => c.input),
    today,
  )
  assert.equal(outcomes.length, strict.length)
  strict.forEach((c, i) => {
    if (c.ok) {
      assert.equal(outcomes[i].error, null)
      checkRecord(outcomes[i].ok, c.ok, 'birthDate')
    } else {
      assert.equal(outcomes[i].ok, null)
      assert.equal(outcomes[i].error.code, c.error.code)
      assert.equal(outcomes[i].error.field, c.error.field)
      // The batch's error and the thrown one say the same, field by field.
      let thrown
      assert.throws(() => lakse.parseNik(c.input, today), (e) => (thrown = e) instanceof Error)
      const fields = ['code', 'number', 'family', 'retryable', 'field', 'message', 'messageId']
      assert.deepEqual(Object.keys(thrown), ['code', 'number', 'family', 'field', 'retryable', 'messageId'])
      for (const k of fields) assert.equal(outcomes[i].error[k], thrown[k], `${k} of ${c.note}`)
    }
  })
  // maskNik checks shape and date leniently, as of the real today.
  for (const c of vectors.cases.filter((c) => c.mode === 'lenient')) {
    if (c.ok) assert.equal(lakse.maskNik(c.input), c.ok.masked)
    else throwsCode(() => lakse.maskNik(c.input), c.error, c.note)
  }
})

test('kk.json', () => {
  const vectors = readJson('tests/vectors/kk.json')
  const today = new Date(vectors.today)
  for (const c of vectors.cases.filter((c) => c.mode === 'strict')) {
    const note = `${JSON.stringify(c.input)} (${c.note})`
    if (c.ok) {
      const record = lakse.parseKk(c.input, today)
      checkRecord(record, c.ok, 'issueDate')
      assert.equal(record.noKk.expose(), c.input.replace(/[^0-9]/g, ''), note)
    } else {
      throwsCode(() => lakse.parseKk(c.input, today), c.error, note)
    }
  }
  // maskKk checks shape and date leniently, as of the real today.
  for (const c of vectors.cases.filter((c) => c.mode === 'lenient')) {
    if (c.ok) assert.equal(lakse.maskKk(c.input), c.ok.masked, c.note)
    else throwsCode(() => lakse.maskKk(c.input), c.error, c.note)
  }
})

test('phone.json', () => {
  for (const c of readJson('tests/vectors/phone.json').cases) {
    if ('ok' in c) assert.equal(lakse.normalizePhone(c.input), c.ok, c.note)
    else throwsCode(() => lakse.normalizePhone(c.input), c.error, c.note)
    // maskPhone normalises first, so it refuses what normalizePhone refuses.
    if ('masked' in c) assert.equal(lakse.maskPhone(c.input), c.masked, c.note)
    else if ('error' in c) throwsCode(() => lakse.maskPhone(c.input), c.error, c.note)
  }
})

test('email.json', () => {
  for (const c of readJson('tests/vectors/email.json').cases) {
    const note = `${JSON.stringify('same' in c ? c.same : c.input)} (${c.note})`
    if ('same' in c) {
      // Equal addresses share the key accounts are matched by.
      const keys = c.same.map((input) => lakse.parseEmail(input).key.expose())
      assert.equal(new Set(keys).size, 1, note)
    } else if ('ok' in c) {
      const record = lakse.parseEmail(c.input)
      assert.equal(record.address.expose(), c.ok.address, note)
      assert.equal(record.key.expose(), c.ok.key, note)
      assert.equal(record.masked, c.ok.masked, note)
    } else {
      throwsCode(() => lakse.parseEmail(c.input), c.error, note)
    }
  }
})

test('transitions.json', () => {
  const vectors = readJson('tests/vectors/transitions.json')
  for (const c of vectors.cases) {
    const note = `${c.status} ${c.action} ${c.actor}`
    if ('ok' in c) assert.equal(lakse.nextStatus(c.status, c.action, c.actor), c.ok, note)
    else throwsCode(() => lakse.nextStatus(c.status, c.action, c.actor), { code: c.error.code }, note)
    // A refused action's error lists what that actor may do instead.
    if (c.error && 'allowed' in c.error) {
      assert.deepEqual(lakse.allowedActions(c.status, c.actor), c.error.allowed, note)
    }
  }
  for (const c of vectors.initial) {
    if ('ok' in c) assert.equal(lakse.initialStatus(c.actor), c.ok, c.actor)
    else throwsCode(() => lakse.initialStatus(c.actor), { code: c.error.code }, c.actor)
  }
  for (const [status, expected] of Object.entries(vectors.labels)) {
    const label = lakse.statusLabel(status)
    assert.equal(label.label, expected.label, status)
    if ('default_note' in expected) assert.equal(label.defaultNote, expected.default_note, status)
  }
})

test('catalog.json: the built-in catalog', async () => {
  const vectors = readJson('tests/vectors/catalog.json')
  const handle = await lakse.Lakse.open(tempDir())
  const services = await handle.services()
  assert.deepEqual(
    services.map((s) => s.id),
    vectors.service_order,
  )
  assert.deepEqual(await handle.office(), vectors.office)
  assert.deepEqual(await handle.pickupPlaces(), vectors.pickup_places)
  for (const expected of vectors.services) {
    const service = services.find((s) => s.id === expected.id)
    assert.equal(service.name, expected.name)
    assert.equal(service.enabled, expected.enabled)
    assert.equal(service.coupon, expected.coupon)
    assert.equal(service.redirect !== null, expected.redirected)
    assert.equal(service.keteranganRequired, expected.keterangan_required)
    assert.deepEqual(
      service.subtypes.map((s) => s.id),
      expected.subtypes,
    )
    assert.deepEqual(
      service.fields.map((f) => f.id),
      expected.fields,
    )
    for (const [subtype, slots] of Object.entries(expected.slots_by_subtype)) {
      const applying = service.documents.filter(
        (d) => d.when.length === 0 || d.when.includes(subtype),
      )
      assert.deepEqual(
        applying.map((d) => ({
          id: d.id,
          name: d.name,
          required: d.required,
          types: d.rule.types,
          max_bytes: d.rule.maxBytes,
        })),
        slots,
        `${expected.id} ${subtype}`,
      )
    }
  }
  const redirected = services.find((s) => s.id === vectors.redirect.service)
  assert.equal(redirected.redirect.message, vectors.redirect.message)
  assert.deepEqual(redirected.redirect.stores, vectors.redirect.stores)
  assert.deepEqual(redirected.redirect.locations, vectors.redirect.locations)
  await handle.close()
})

test('catalog.json: broken catalogs are refused at open', async () => {
  const vectors = readJson('tests/vectors/catalog.json')
  for (const broken of vectors.broken) {
    const dir = tempDir()
    let catalog
    if (broken.format === 'toml') {
      catalog = { kind: 'toml', text: broken.text }
    } else {
      const file = path.join(dir, 'catalog.json')
      fs.writeFileSync(file, broken.text)
      catalog = { kind: 'path', path: file }
    }
    await assert.rejects(
      lakse.Lakse.open({ dataDir: path.join(dir, 'data'), catalog }),
      (e) => {
        assert.equal(e.code, broken.error.code, broken.note)
        assert.equal(e.field, broken.error.field, broken.note)
        matchesCatalogue(e)
        return true
      },
      broken.note,
    )
  }
})

test('parseNiks: an item holding a line break stays one item', () => {
  const nik = '2171055209900001'
  const outcomes = lakse.parseNiks([`${nik}\n${nik}`, nik, '\n'], new Date('2026-11-25'))
  assert.equal(outcomes.length, 3)
  assert.equal(outcomes[0].ok, null)
  assert.equal(outcomes[0].error.code, 'nik.invalid_character')
  assert.equal(outcomes[1].ok.nik.expose(), nik)
  assert.equal(outcomes[2].error.code, 'nik.invalid_length')
  assert.deepEqual(lakse.parseNiks([]), [])
})
