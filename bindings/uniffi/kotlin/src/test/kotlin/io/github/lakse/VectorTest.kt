package io.github.lakse

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.fail
import java.time.LocalDate

/**
 * The shared vectors of tests/vectors that the binding's API can express:
 * NIK and No KK (strict mode, as parseNik/parseKk parse; lenient ones through
 * maskNik/maskKk), e-mail addresses (parseEmail), phone numbers and their
 * masks, and the transition table: every status × action × actor, the
 * initial status per actor, the labels and what each actor may do.
 * Not run here: the catalog file rules (no operation of the surface takes
 * them alone); lakse-core's own tests run them.
 */
@Suppress("UNCHECKED_CAST")
class VectorTest {
    private fun cases(file: String): Pair<Map<String, Any?>, List<Map<String, Any?>>> {
        val doc = Repo.json("tests/vectors/$file") as Map<String, Any?>
        return doc to doc["cases"] as List<Map<String, Any?>>
    }

    /** The vector's short names for the flat record's fields. */
    private val recordKey = mapOf(
        "province" to "province_code",
        "regency" to "regency_code",
        "district" to "district_code",
        "successor" to "successor_code",
    )

    private fun expectError(case: Map<String, Any?>, call: () -> Unit) {
        val error = case["error"] as Map<String, Any?>
        val e = assertThrows<LakseException>("${case["input"]}: expected ${error["code"]}") { call() }
        val info = e.info()
        assertEquals(error["code"], info.code, "${case["input"]}: $e")
        if (error.containsKey("field")) assertEquals(error["field"], info.field, "${case["input"]}: field")
    }

    private fun checkIdentity(file: String, parse: (String, LocalDate) -> Any): Int {
        val (doc, cases) = cases(file)
        val today = LocalDate.parse(doc["today"] as String)
        var ran = 0
        for (case in cases.filter { it["mode"] == "strict" }) {
            val input = case["input"] as String
            if (case.containsKey("ok")) {
                val found = Convert.toJson(parse(input, today)) as Map<String, Any?>
                val expected = (case["ok"] as Map<String, Any?>).mapKeys { recordKey[it.key] ?: it.key }
                // null in a vector means "none" here, not "anything".
                for ((key, value) in expected) {
                    val same = if (value is Number && found[key] is Number) {
                        mismatch(value, found[key]) == null
                    } else {
                        value == found[key]
                    }
                    assertTrue(same, "$input: $key expected $value, found ${found[key]}")
                }
            } else {
                expectError(case) { parse(input, today) }
            }
            ran++
        }
        return ran
    }

    @Test
    fun nikVectors() {
        val ran = checkIdentity("nik.json") { text, today -> parseNik(text, today) }
        assertTrue(ran >= 70, "ran $ran strict NIK vectors")
    }

    @Test
    fun lenientNikVectorsThroughMaskNik() {
        // maskNik checks shape and date leniently as of the real today: the
        // cases whose outcome depends on the vector's `today` are left out.
        val (_, cases) = cases("nik.json")
        val lenient = cases.filter { it["mode"] == "lenient" }
        assertTrue(lenient.isNotEmpty())
        for (case in lenient) {
            val input = case["input"] as String
            when {
                case.containsKey("ok") -> assertEquals((case["ok"] as Map<String, Any?>)["masked"], maskNik(input), input)
                (case["error"] as Map<String, Any?>)["code"] == "nik.invalid_date" -> {}
                else -> expectError(case) { maskNik(input) }
            }
        }
    }

    @Test
    fun kkVectors() {
        val ran = checkIdentity("kk.json") { text, today -> parseKk(text, today) }
        assertTrue(ran >= 25, "ran $ran strict No KK vectors")
    }

    @Test
    fun lenientKkVectorsThroughMaskKk() {
        // As maskNik: maskKk checks the issue date as of the real today, so
        // the cases whose outcome depends on the vector's `today` are left out.
        val (_, cases) = cases("kk.json")
        val lenient = cases.filter { it["mode"] == "lenient" }
        assertTrue(lenient.isNotEmpty())
        for (case in lenient) {
            val input = case["input"] as String
            when {
                case.containsKey("ok") -> assertEquals((case["ok"] as Map<String, Any?>)["masked"], maskKk(input), input)
                (case["error"] as Map<String, Any?>)["code"] == "kk.invalid_date" -> {}
                else -> expectError(case) { maskKk(input) }
            }
        }
    }

    @Test
    fun emailVectors() {
        val (_, cases) = cases("email.json")
        var ran = 0
        for (case in cases) {
            when {
                case.containsKey("ok") -> {
                    val input = case["input"] as String
                    val ok = case["ok"] as Map<String, Any?>
                    val record = parseEmail(input)
                    assertEquals(ok["address"], record.address.expose(), "$input: address")
                    assertEquals(ok["key"], record.key.expose(), "$input: key")
                    assertEquals(ok["masked"], record.masked, "$input: masked")
                    // Printed, the record shows both addresses masked, as the core's does.
                    val printed = record.toString()
                    for (address in listOf(record.address.expose(), record.key.expose())) {
                        assertFalse(printed.contains(address), "$input: $address shows in $printed")
                    }
                    assertTrue(printed.contains(record.address.toString()), "$input: $printed")
                    assertTrue(printed.contains(record.key.toString()), "$input: $printed")
                }
                case.containsKey("error") -> expectError(case) { parseEmail(case["input"] as String) }
                else -> {
                    // "same": inputs that must be one address, i.e. one key.
                    val same = case["same"] as List<String>
                    val keys = same.map { parseEmail(it).key }
                    assertTrue(keys.all { it == keys[0] }, "$same: keys ${keys.map { it.expose() }}")
                }
            }
            ran++
        }
        assertEquals(cases.size, ran)
        assertTrue(ran >= 20, "ran $ran e-mail vectors")
    }

    @Test
    fun phoneVectors() {
        val (_, cases) = cases("phone.json")
        for (case in cases) {
            val input = case["input"] as String
            if (case.containsKey("ok")) {
                assertEquals(case["ok"], normalizePhone(input), input)
                assertEquals(case["masked"], maskPhone(input), "$input: masked")
            } else {
                expectError(case) { normalizePhone(input) }
            }
        }
        assertTrue(cases.size >= 30)
    }

    @Test
    fun everyTransition() {
        val (_, cases) = cases("transitions.json")
        for (case in cases) {
            val status = Convert.fromJson(case["status"], kotlin.reflect.typeOf<Status>(), "status") as Status
            val action = Convert.fromJson(case["action"], kotlin.reflect.typeOf<Action>(), "action") as Action
            val actor = Convert.fromJson(case["actor"], kotlin.reflect.typeOf<Actor>(), "actor") as Actor
            val at = "${case["status"]} ${case["action"]} ${case["actor"]}"
            if (case.containsKey("ok")) {
                assertEquals(case["ok"], Convert.toJson(nextStatus(status, action, actor)), at)
            } else {
                val e = assertThrows<LakseException>(at) { nextStatus(status, action, actor) }
                assertEquals((case["error"] as Map<String, Any?>)["code"], e.info().code, at)
                if (e !is LakseException.NotAllowed) fail("$at: ${e::class.simpleName}, not NotAllowed")
            }
        }
        assertEquals(Status.entries.size * Action.entries.size * Actor.entries.size, cases.size)
    }

    @Test
    fun allowedActionsOfEveryRefusal() {
        // A refused transition's `allowed` lists what that actor may do from
        // that status, in table order: allowedActions gives the same list.
        val (_, cases) = cases("transitions.json")
        var ran = 0
        for (case in cases) {
            val allowed = (case["error"] as Map<String, Any?>?)?.get("allowed") ?: continue
            val status = Convert.fromJson(case["status"], kotlin.reflect.typeOf<Status>(), "status") as Status
            val actor = Convert.fromJson(case["actor"], kotlin.reflect.typeOf<Actor>(), "actor") as Actor
            assertEquals(allowed, Convert.toJson(allowedActions(status, actor)), "${case["status"]} ${case["actor"]}")
            ran++
        }
        assertTrue(ran >= 40, "ran $ran allowed lists")
    }

    @Test
    fun initialStatusPerActor() {
        val doc = Repo.json("tests/vectors/transitions.json") as Map<String, Any?>
        val initial = doc["initial"] as List<Map<String, Any?>>
        for (case in initial) {
            val actor = Convert.fromJson(case["actor"], kotlin.reflect.typeOf<Actor>(), "actor") as Actor
            if (case.containsKey("ok")) {
                assertEquals(case["ok"], Convert.toJson(initialStatus(actor)), "${case["actor"]}")
            } else {
                val e = assertThrows<LakseException>("${case["actor"]}") { initialStatus(actor) }
                assertEquals((case["error"] as Map<String, Any?>)["code"], e.info().code, "${case["actor"]}")
            }
        }
        assertEquals(Actor.entries.size, initial.size)
    }

    @Test
    fun statusLabels() {
        val doc = Repo.json("tests/vectors/transitions.json") as Map<String, Any?>
        val labels = doc["labels"] as Map<String, Map<String, Any?>>
        for ((name, expected) in labels) {
            val status = Convert.fromJson(name, kotlin.reflect.typeOf<Status>(), "status") as Status
            val found = statusLabel(status)
            assertEquals(expected["label"], found.label, "$name: label")
            // The vector gives a default note only where the manual shows one.
            if (expected.containsKey("default_note")) {
                assertEquals(expected["default_note"], found.defaultNote, "$name: default_note")
            }
        }
        assertEquals(Status.entries.size, labels.size)
    }
}
