package io.github.lakse

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import java.nio.file.Files
import java.time.LocalDate

/**
 * The Kotlin side of the binding benchmark (bindings/uniffi/bench.sh):
 * `parseNik` (a synchronous pure call) and `whoami` (a suspend handle call,
 * run on the blocking pool and resumed), timed in a loop after a warm-up,
 * with the calls and counts of examples/bench.rs. Runs only with -Dlakse.bench=true.
 */
class BenchTest {
    private fun perCall(label: String, n: Int, call: () -> Unit) {
        repeat(n / 10) { call() }
        val start = System.nanoTime()
        repeat(n) { call() }
        val ns = (System.nanoTime() - start).toDouble() / n
        println("kotlin %-10s %10.0f ns/call  (%d calls)".format(label, ns, n))
    }

    @Test
    fun parseNikAndWhoami() {
        assumeTrue(System.getProperty("lakse.bench") == "true", "run with -Dlakse.bench=true")
        val today = LocalDate.of(2026, 11, 25)
        var sink = 0
        perCall("parseNik", 200_000) { sink += parseNik("2171055209900001", today).serial.toInt() }

        val dir = Files.createTempDirectory("lakse-bench")
        runBlocking {
            Lakse.open(OpenOptions(dataDir = dir.toString())).use { lakse ->
                lakse.register("bench@example.com")
                lakse.confirmWithPassword(lakse.outbox(10u)[0].data.getValue("token"), "kata-sandi-2024")
                val token = lakse.login("bench@example.com", "kata-sandi-2024").token.expose()
                // Sequential suspend calls inside one coroutine: each call hops to
                // the blocking pool and back, as an app's would.
                val n = 20_000
                repeat(n / 10) { lakse.whoami(token) }
                val start = System.nanoTime()
                repeat(n) { sink += lakse.whoami(token).id.toInt() }
                val ns = (System.nanoTime() - start).toDouble() / n
                println("kotlin %-10s %10.0f ns/call  (%d calls)".format("whoami", ns, n))
                lakse.closeHandle()
            }
        }
        dir.toFile().deleteRecursively()
        println("(checksum $sink)")
    }
}
