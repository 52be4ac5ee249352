// The Node benchmarks of issue 12 (run by bench.sh, which installs the peers
// into bench/peers and builds the release addon):
//   node bench.mjs niks FILE         writes 100,000 mixed NIKs, one a line
//   node bench.mjs run FILE RUST     times parseNik against the npm peers
//                                    (nik-parser, parsenik) with each peer's
//                                    agreement with our verdicts, and the
//                                    per-call cost of a sync and a Promise
//                                    call against RUST (rust_calls' JSON)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const [command, file, rustFile] = process.argv.slice(2)

// A small seeded generator, so every run times the same list.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function mixedNiks(n) {
  const rows = (name) => readFileSync(join(root, 'lakse-core/data/regions', name), 'utf8').trim().split('\n').slice(1)
  const districts = rows('districts.csv').map((r) => r.split(',')[0])
  const retired = rows('retired.csv').filter((r) => r.split(',')[1] === 'district').map((r) => r.split(',')[0])
  const random = rng(12)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const pad = (v, w) => String(v).padStart(w, '0')
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1))
  const valid = () => {
    const day = int(1, 28) + (random() < 0.5 ? 40 : 0)
    return `${pick(districts)}${pad(day, 2)}${pad(int(1, 12), 2)}${pad(int(0, 99), 2)}${pad(int(1, 9999), 4)}`
  }
  const kinds = [
    [40, valid],
    [10, () => valid().replace(/^(\d{4})(\d{4})(\d{4})(\d{4})$/, random() < 0.5 ? '$1 $2 $3 $4' : '$1.$2.$3.$4')],
    [5, () => `${pick(retired)}${valid().slice(6)}`],
    [10, () => { const v = valid(); return `${v.slice(0, 6)}${pick(['32', '00', '72', '31'])}${pick(['13', '02', '00'])}${v.slice(10)}` }],
    [10, () => `${pad(int(10, 99), 2)}${pad(int(90, 99), 2)}${pad(int(50, 99), 2)}${valid().slice(6)}`],
    [10, () => { const v = valid(); return random() < 0.5 ? v.slice(1) : `${v}${int(0, 9)}` }],
    [5, () => { const v = valid(); const i = int(0, 15); return `${v.slice(0, i)}${pick(['a', 'O', '-', 'l'])}${v.slice(i + 1)}` }],
    [5, () => `${valid().slice(0, 12)}0000`],
    [5, () => { const v = valid(); return `${v.slice(0, 10)}${pad(int(27, 99), 2)}${v.slice(12)}` }],
  ]
  const total = kinds.reduce((s, [w]) => s + w, 0)
  return Array.from({ length: n }, () => {
    let r = random() * total
    for (const [w, make] of kinds) if ((r -= w) < 0) return make()
    return valid()
  })
}

/** Milliseconds of `f()`, best of three after a warm-up run. */
function time(f) {
  f()
  let best = Infinity
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    f()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

async function timeAsync(f) {
  await f()
  let best = Infinity
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    await f()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

if (command === 'niks') {
  writeFileSync(file, mixedNiks(100_000).join('\n') + '\n')
  process.exit(0)
}

const require = createRequire(import.meta.url)
const lakse = require('lakse')
const { nikParser } = require(join(here, 'peers/node_modules/nik-parser'))
const parsenik = require(join(here, 'peers/node_modules/parsenik'))
const peerVersion = (name) => require(join(here, 'peers/node_modules', name, 'package.json')).version
const rust = JSON.parse(readFileSync(rustFile, 'utf8'))
const niks = readFileSync(file, 'utf8').trim().split('\n')
const today = new Date('2026-11-25')

// Each parser is asked what nik-parser answers: valid or not, and for a
// valid NIK its birth date, sex and district name.
const ours = (s) => {
  try {
    const r = lakse.parseNik(s, today)
    r.birthDate, r.sex, r.districtName
    return true
  } catch {
    return false
  }
}
// nik-parser throws on a district it does not know: a refusal too.
const viaNikParser = (s) => {
  try {
    const nik = nikParser(s)
    const ok = nik.isValid()
    if (ok) nik.lahir(), nik.kelamin(), nik.kecamatan()
    return ok
  } catch {
    return false
  }
}
// parsenik takes the NIK as a number (a NIK from 9007 on is past 2^53).
const viaParsenik = (s) => parsenik.parse(/^\d{16}$/.test(s) ? Number(s) : s).valid

const verdicts = niks.map(ours)
const validCount = verdicts.filter(Boolean).length
const validNiks = niks.filter((_, i) => verdicts[i])
const invalidNiks = niks.filter((_, i) => !verdicts[i])
const perNik = (list, f) => (time(() => { for (const s of list) f(s) }) * 1e6) / list.length
const rows = []
const run = (name, f) => {
  const ms = time(() => { for (const s of niks) f(s) })
  const got = niks.map(f)
  const agree = got.filter((v, i) => v === verdicts[i]).length
  const falseAccept = got.filter((v, i) => v && !verdicts[i]).length
  const falseReject = got.filter((v, i) => !v && verdicts[i]).length
  rows.push({ name, ms, agree, falseAccept, falseReject, valid: perNik(validNiks, f), invalid: perNik(invalidNiks, f) })
}
run('lakse parseNik (one call per NIK)', ours)
const batch = (list) => {
  for (const o of lakse.parseNiks(list, today)) if (o.ok !== null) o.ok.birthDate, o.ok.sex, o.ok.districtName
}
const batchMs = time(() => batch(niks))
const batchPer = (list) => (time(() => batch(list)) * 1e6) / list.length
rows.push({ name: 'lakse parseNiks (one call, 100,000 items)', ms: batchMs, agree: niks.length, falseAccept: 0, falseReject: 0, valid: batchPer(validNiks), invalid: batchPer(invalidNiks) })
run(`nik-parser ${peerVersion('nik-parser')}`, viaNikParser)
run(`parsenik ${peerVersion('parsenik')}`, viaParsenik)

// What any JavaScript function pays to refuse by throwing, for scale.
const throwNs = perNik(invalidNiks, (s) => {
  try {
    throw Object.assign(new Error(`bad ${s.length}`), { code: 'nik.invalid_date' })
  } catch {
    return false
  }
})

console.log(`\n${niks.length.toLocaleString('en')} mixed NIKs (${validCount.toLocaleString('en')} valid in strict mode as of 2026-11-25), Node ${process.version}; best of 3\n`)
console.log('| parser | ns per NIK | × lakse parseNik | valid NIKs only (ns) | invalid only (ns) | agreement with lakse | accepts what lakse refuses | refuses what lakse accepts |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
const base = rows[0].ms
for (const r of rows) {
  console.log(`| ${r.name} | ${((r.ms * 1e6) / niks.length).toFixed(0)} | ${(r.ms / base).toFixed(2)} | ${r.valid.toFixed(0)} | ${r.invalid.toFixed(0)} | ${((100 * r.agree) / niks.length).toFixed(2)} % | ${r.falseAccept} | ${r.falseReject} |`)
}
console.log(`| Rust lakse_core::api::parse_nik (same list) | ${rust.parse_nik_ns.toFixed(0)} | ${((rust.parse_nik_ns * niks.length) / 1e6 / base).toFixed(2)} | | | — | | |`)
console.log(`| (throwing and catching an \`Error\` with a code, nothing else) | | | | ${throwNs.toFixed(0)} | | | |`)
const peer = rows.find((r) => r.name.startsWith('nik-parser'))
const ratio = (a, b) => (b / a).toFixed(1)
console.log(`\nagainst nik-parser: parseNik ${ratio(rows[0].ms, peer.ms)}× on the mixed list, ${ratio(rows[0].valid, peer.valid)}× on valid NIKs; parseNiks ${ratio(rows[1].ms, peer.ms)}× on the mixed list`)

// Per-call cost.
const N = 1_000_000
const noop = () => 0
const jsNs = (time(() => { for (let i = 0; i < N; i++) noop(i) }) * 1e6) / N
const syncNs = (time(() => { for (let i = 0; i < N; i++) lakse.nextStatus('diajukan', 'accept', 'officer') }) * 1e6) / N
const valid = niks.find((s, i) => verdicts[i] && /^\d{16}$/.test(s))
const parseOneNs = (time(() => { for (let i = 0; i < 200_000; i++) lakse.parseNik(valid, today) }) * 1e6) / 200_000

const dir = mkdtempSync(join(tmpdir(), 'lakse-bench-'))
const handle = await lakse.Lakse.open(dir)
const M = 20_000
const promiseUs = ((await timeAsync(async () => { for (let i = 0; i < M; i++) await handle.today() })) * 1e3) / M
const inFlightUs = ((await timeAsync(async () => {
  for (let i = 0; i < M; i += 100) await Promise.all(Array.from({ length: 100 }, () => handle.today()))
})) * 1e3) / M
const keyUs = ((await timeAsync(async () => { for (let i = 0; i < 5_000; i++) await handle.officePublicKey() })) * 1e3) / 5_000
await handle.close()
rmSync(dir, { recursive: true, force: true })

console.log('\n| call | Node | Rust (same call on lakse-core) | binding cost |')
console.log('| --- | ---: | ---: | ---: |')
console.log(`| empty JavaScript function (reference) | ${jsNs.toFixed(1)} ns | | |`)
console.log(`| nextStatus (sync, three string enums in, one out) | ${syncNs.toFixed(0)} ns | ${rust.next_status_ns.toFixed(1)} ns | ${(syncNs - rust.next_status_ns).toFixed(0)} ns |`)
console.log(`| parseNik, one valid NIK (sync, record out) | ${parseOneNs.toFixed(0)} ns | ${rust.parse_nik_ns.toFixed(0)} ns (mixed list average) | ~${(parseOneNs - rust.parse_nik_ns).toFixed(0)} ns |`)
console.log(`| await lakse.today() (Promise, one at a time) | ${promiseUs.toFixed(1)} µs | ${rust.today_ns.toFixed(0)} ns | ${(promiseUs - rust.today_ns / 1e3).toFixed(1)} µs |`)
console.log(`| lakse.today(), 100 in flight (per call) | ${inFlightUs.toFixed(1)} µs | ${rust.today_ns.toFixed(0)} ns | ${(inFlightUs - rust.today_ns / 1e3).toFixed(1)} µs |`)
console.log(`| await lakse.officePublicKey() (Promise) | ${keyUs.toFixed(1)} µs | ${rust.office_public_key_ns.toFixed(0)} ns | ${(keyUs - rust.office_public_key_ns / 1e3).toFixed(1)} µs |`)
