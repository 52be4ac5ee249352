package io.github.lakse

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files
import java.nio.file.Path

/** The desk through the typed Kotlin API: a completed application, its coupon, privacy, refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskTest {
    private val nik = "2171055209900001"
    private val childNik = "2171034101150003"
    private lateinit var dir: Path
    private lateinit var lakse: Lakse
    private lateinit var me: Session
    private lateinit var officer: Session
    private lateinit var number: String

    private fun fixture(name: String) = Repo.file("tests/fixtures/$name").readBytes()

    private suspend fun mail(kind: Kind, to: String): OutboxMessage =
        lakse.outbox(200u).last { it.kind == kind && it.to.expose() == to }

    @BeforeAll
    fun completeAnApplication(): Unit = runBlocking {
        dir = Files.createTempDirectory("lakse-desk")
        lakse = Lakse.open(OpenOptions(dataDir = dir.resolve("data").toString()))

        lakse.register("difa@example.com")
        lakse.confirmWithPassword(mail(Kind.CONFIRMATION, "difa@example.com").data.getValue("token"), "kata-sandi-2024")
        me = lakse.login("difa@example.com", "kata-sandi-2024")
        lakse.updateProfile(
            me.token.expose(),
            ProfileInput(
                nama = "Difa Ananda Putri", nik = nik, noKk = "2171.0501.1015.0003",
                whatsapp = "0812-7000-1234", sex = "Perempuan", birthPlace = "Batam",
            ),
        )

        lakse.bootstrapAdmin("admin@disdukcapil.batam.go.id", "admin-rahasia-2024")
        val admin = lakse.login("admin@disdukcapil.batam.go.id", "admin-rahasia-2024")
        lakse.createStaff(admin.token.expose(), "petugas@disdukcapil.batam.go.id", Actor.OFFICER)
        val otp = mail(Kind.CREDENTIALS, "petugas@disdukcapil.batam.go.id").data.getValue("password")
        val first = lakse.login("petugas@disdukcapil.batam.go.id", otp)
        lakse.changePassword(first.token.expose(), otp, "petugas-rahasia-2024")
        officer = lakse.login("petugas@disdukcapil.batam.go.id", "petugas-rahasia-2024")

        val summary = lakse.submit(
            me.token.expose(),
            NewApplication(
                service = "cetak_ktp_kk",
                subtype = "ktp_rusak",
                keterangan = "KTP rusak terkena air; NIK 2171 0552 0990 0001",
                documents = listOf(
                    Upload("kk", "KK 2171.0501.1015.0003.png", fixture("kk.png")),
                    Upload("ktp_rusak", "ktp-rusak.jpg", fixture("ktp-rusak.jpg")),
                    Upload("form_f1", "form.pdf", fixture("form.pdf")),
                    Upload("form_f2", "form.pdf", fixture("form.pdf")),
                    Upload("swafoto", "selfie.jpg", fixture("selfie.jpg")),
                ),
            ),
        )
        assertEquals(Status.DIAJUKAN, summary.status)
        number = summary.number
        lakse.accept(officer.token.expose(), number, "berkas lengkap, kabari difa@example.com")
        val done = lakse.complete(officer.token.expose(), number, Completion(pickupDate = lakse.today(), note = "sesuai jadwal pengambilan"))
        assertEquals(Status.SELESAI, done.status)
    }

    @AfterAll
    fun cleanUp() {
        lakse.close()
        dir.toFile().deleteRecursively()
    }

    @Test
    fun theCouponVerifiesWithTheOfficesPublicKeyAloneAndATamperedOneIsRefused(): Unit = runBlocking {
        val coupon = lakse.coupon(me.token.expose(), number)
        assertEquals("%PDF", String(coupon.bytes.copyOfRange(0, 4)))
        val publicKey = lakse.officePublicKey()

        // The counter's app: no handle, no database, only the key and the scanned code.
        val claims = verifyCoupon(coupon.code, publicKey)
        assertEquals(number, claims.number)
        assertEquals("2171xxxxxxxx0001", claims.nikMasked)
        assertEquals("cetak_ktp_kk", claims.service)
        assertEquals(lakse.today(), claims.pickupDate)

        val forged = assertThrows<LakseException.Document> { verifyCoupon(coupon.code + "AAAA", publicKey) }
        assertEquals("coupon.invalid_signature", forged.code)
        val tampered = coupon.code.replaceRange(10, 11, if (coupon.code[10] == 'A') "B" else "A")
        val e = assertThrows<LakseException.Document> { verifyCoupon(tampered, publicKey) }
        assertTrue(e.code in setOf("coupon.invalid_signature", "coupon.malformed"), e.code)

        // Another office's key refuses it.
        val otherDir = Files.createTempDirectory("lakse-other")
        Lakse.open(OpenOptions(dataDir = otherDir.toString())).use { other ->
            val wrong = assertThrows<LakseException.Document> { verifyCoupon(coupon.code, other.officePublicKey()) }
            assertEquals("coupon.invalid_signature", wrong.code)
        }
        otherDir.toFile().deleteRecursively()
    }

    @Test
    fun recordsPrintNikTokensPasswordsAndAddressesMasked(): Unit = runBlocking {
        val profile = lakse.profile(me.token.expose())
        assertEquals(nik, profile.nik.expose()) // the owner's own number, in full, for the edit form
        assertEquals("2171xxxxxxxx0001", profile.nik.toString())
        assertEquals(IdNumber(nik), profile.nik)
        val shown = listOf(
            profile.toString(),
            me.toString(),
            lakse.whoami(me.token.expose()).toString(),
            parseNik(nik, null).toString(),
            parseKk("2171050110150003", null).toString(),
            parseEmail("difa@example.com").toString(),
            ProfileInput(nik = nik, noKk = "2171050110150003").toString(),
            NewApplication(service = "kia", fields = mapOf("child_nik" to childNik), keterangan = "NIK $nik").toString(),
            lakse.application(officer.token.expose(), number).toString(),
            lakse.application(me.token.expose(), number).history.toString(),
            lakse.application(me.token.expose(), number).documents.toString(),
            parseNiks(listOf(nik), null).toString(),
            OpenOptions(dataDir = "/srv/lakse", officeKey = Secret("c2VjcmV0LXNlZWQtb2YtdGhlLW9mZmljZS1rZXktMzI")).toString(),
            DeliveryOptions.Smtp("smtp.example.com", 587u, SmtpSecurity.START_TLS, "lakse", Secret("smtp-password"), 30u).toString(),
        ) + lakse.outbox(200u).map { it.toString() }
        for (text in shown) {
            for (secret in listOf(
                nik, childNik, "2171050110150003", me.token.expose(), "difa@example.com", "kata-sandi-2024",
                "2171 0552 0990 0001", "2171.0501.1015.0003",
                "c2VjcmV0LXNlZWQtb2YtdGhlLW9mZmljZS1rZXktMzI", "smtp-password",
            )) {
                assertFalse(text.contains(secret), "$secret shows in $text")
            }
        }
        assertTrue(profile.toString().contains("2171xxxxxxxx0001"), profile.toString())
        // A printed NIK or KK record leaves out the district and the date, which
        // would give the masked digits back.
        for (text in listOf(parseNik(nik, null).toString(), parseKk("2171050110150003", null).toString())) {
            for (part in listOf("217105", "1990-09-12", "2015-10-01")) {
                assertFalse(text.contains(part), "$part shows in $text")
            }
            assertTrue(text.contains("2171xxxxxxxx"), text)
        }
        assertNotNull(lakse.application(officer.token.expose(), number).nikForOfficer)
        assertNull(lakse.application(me.token.expose(), number).nikForOfficer)
    }

    @Test
    fun refusalsAreTypedExceptionsWithCodeNumberFieldAndBothMessages(): Unit = runBlocking {
        val bad = assertThrows<LakseException.Input> { parseNik("2171 0552 0990 000A", null) }
        assertEquals("nik.invalid_character", bad.code)
        assertEquals(1002.toUShort(), bad.number)
        assertEquals("nik", bad.field)
        assertFalse(bad.retryable)
        assertTrue(bad.messageId.isNotBlank() && bad.detail.isNotBlank())
        assertEquals(Family.INPUT, bad.info().family)
        assertFalse(bad.toString().contains("2171 0552 0990 000A"))

        val options = assertThrows<LakseException.Input> {
            runBlocking { Lakse.open(OpenOptions(dataDir = dir.resolve("other").toString(), numberPrefix = "btm")) }
        }
        assertEquals("options.invalid_prefix" to "number_prefix", options.code to options.field)

        val auth = assertThrows<LakseException.Auth> { runBlocking { lakse.whoami("not-a-session") } }
        assertEquals("auth.session_invalid", auth.code)

        val hidden = assertThrows<LakseException.NotFound> { runBlocking { lakse.application(me.token.expose(), "BTM-2026-999999-X") } }
        assertTrue(hidden.code.startsWith("application."), hidden.code)

        val workflow = assertThrows<LakseException.NotAllowed> { runBlocking { lakse.cancel(me.token.expose(), number) } }
        assertEquals("workflow.not_allowed", workflow.code)

        // closeHandle is the core's close; close() releases the Kotlin object.
        val closing = Lakse.open(OpenOptions(dataDir = dir.resolve("closing").toString()))
        closing.closeHandle()
        val closed = assertThrows<LakseException> { runBlocking { closing.services() } }
        assertEquals("handle.closed", closed.info().code)
        closing.close()
        assertThrows<IllegalStateException> { runBlocking { closing.services() } }
    }

    @Test
    fun oneHandleServesManyCoroutinesAtOnce(): Unit = runBlocking {
        val accounts = (1..64).map { async(Dispatchers.Default) { lakse.whoami(me.token.expose()) } }.awaitAll()
        assertTrue(accounts.all { it.id == me.accountId && it.role == Actor.APPLICANT })
    }
}
