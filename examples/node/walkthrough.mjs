// The applicant's journey from Batam's Lakse manual, from Node:
// register → confirm → log in and choose a password → Data Diri → submit
// "Cetak KTP/KK" → an officer accepts and completes it → Pengajuanku, the
// pickup coupon (verified offline) → the e-mails delivered as .eml files.
//   node examples/node/walkthrough.mjs [DIR]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Lakse, parseNik, verifyCoupon } from 'lakse'

const file = (name) => readFileSync(new URL(`../../tests/fixtures/${name}`, import.meta.url))
const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'lakse-node-'))
const lakse = await Lakse.open(dir)
const mail = async (kind, to) =>
  (await lakse.outbox(1000)).filter((m) => m.kind === kind && m.to.expose() === to).pop().data

const email = 'difaanandaputri1@gmail.com'
await lakse.register(email)
await lakse.confirm((await mail('confirmation', email)).get('token'))
const otp = (await mail('credentials', email)).get('password')
const first = await lakse.login(email, otp)
await lakse.changePassword(first.token.expose(), otp, 'kata-sandi-baru-2024')
const me = (await lakse.login(email, 'kata-sandi-baru-2024')).token.expose()
console.log('1. Akun aktif:', await lakse.whoami(me))

const nik = parseNik('2171 0552 0990 0001')
console.log('2. NIK', nik.masked, nik.districtName, nik.regencyName, nik.birthDate.toISOString().slice(0, 10))
await lakse.updateProfile(me, {
  nama: 'Difa Ananda Putri', nik: nik.nik.expose(), noKk: '2171050110150003',
  whatsapp: '0812-7000-1234', hp: '0812 7000 1234', sex: 'Perempuan', birthPlace: 'Batam',
})

const upload = (slot, fileName) => ({ slot, fileName, bytes: file(fileName) })
const sent = await lakse.submit(me, {
  service: 'cetak_ktp_kk', subtype: 'ktp_rusak', keterangan: 'KTP rusak terkena air',
  documents: [upload('kk', 'kk.png'), upload('ktp_rusak', 'ktp-rusak.jpg'),
    upload('form_f1', 'form.pdf'), upload('form_f2', 'form.pdf'), upload('swafoto', 'selfie.jpg')],
})
console.log('3. Permohonan', sent.number, sent.statusLabel, sent.submittedAtLocal)

// The office's side: the first admin creates an officer, who accepts and completes it.
await lakse.bootstrapAdmin('admin@disdukcapil.batam.go.id', 'admin-rahasia-2024')
const admin = await lakse.login('admin@disdukcapil.batam.go.id', 'admin-rahasia-2024')
await lakse.createStaff(admin.token.expose(), 'petugas@disdukcapil.batam.go.id', 'officer')
const officerOtp = (await mail('credentials', 'petugas@disdukcapil.batam.go.id')).get('password')
const officerFirst = await lakse.login('petugas@disdukcapil.batam.go.id', officerOtp)
await lakse.changePassword(officerFirst.token.expose(), officerOtp, 'petugas-rahasia-2024')
const officer = (await lakse.login('petugas@disdukcapil.batam.go.id', 'petugas-rahasia-2024')).token.expose()
await lakse.accept(officer, sent.number, '')
await lakse.complete(officer, sent.number, { pickupDate: await lakse.today(), note: 'sesuai jadwal pengambilan' })

const mine = await lakse.myApplications(me)
for (const row of mine.items) console.log('4. Pengajuanku:', row.number, row.serviceName, row.statusLabel, row.note)
const coupon = await lakse.coupon(me, sent.number)
writeFileSync(join(dir, coupon.fileName), coupon.bytes)
const claims = verifyCoupon(coupon.code, await lakse.officePublicKey())
console.log('5. Bukti Pengambilan:', join(dir, coupon.fileName), claims.number, claims.pickupDate.toISOString().slice(0, 10))
const report = await lakse.deliverPending(100)
console.log(`6. ${report.sent.length} e-mail terkirim ke ${join(dir, 'mail')}`)
await lakse.close()
