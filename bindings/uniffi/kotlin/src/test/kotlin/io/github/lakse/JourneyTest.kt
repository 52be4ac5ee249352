package io.github.lakse

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail
import java.io.File
import java.nio.file.Files
import java.util.Base64
import kotlin.reflect.typeOf

/** Runs every shared journey of tests/journeys (format in its README) through the Kotlin API. */
class JourneyTest {
    @TestFactory
    fun everySharedJourney(): List<DynamicTest> {
        val files = Repo.file("tests/journeys").listFiles { f -> f.name.endsWith(".json") }!!.sorted()
        assertTrue(files.size >= 6, "the journeys are missing")
        return files.map { f -> DynamicTest.dynamicTest(f.name) { run(f) } }
    }

    private fun substitute(value: Any?, vars: Map<String, Any?>): Any? = when (value) {
        is String -> {
            val whole = Regex("""^\$\{(\w+)}$""").find(value)?.groupValues?.get(1)
            if (whole != null && vars.containsKey(whole)) {
                vars[whole]
            } else {
                vars.entries.fold(value) { s, (name, v) -> s.replace("\${$name}", v as? String ?: v.toString()) }
            }
        }
        is Map<*, *> -> if (value.size == 1 && value.containsKey("\$fixture")) {
            Base64.getEncoder().encodeToString(Repo.file("tests/fixtures/${value["\$fixture"]}").readBytes())
        } else {
            value.entries.associate { (k, v) -> k as String to substitute(v, vars) }
        }
        is List<*> -> value.map { substitute(it, vars) }
        else -> value
    }

    private fun capture(spec: Any?, result: Any?): Any? = when (spec) {
        is String -> pointer(result, spec)
        is Map<*, *> -> {
            val item = (result as List<*>).lastOrNull { mismatch(spec["where"], it) == null }
                ?: fail("no item matches ${spec["where"]}")
            pointer(item, spec["pick"] as String)
        }
        else -> fail("bad capture $spec")
    }

    @Suppress("UNCHECKED_CAST")
    private fun run(file: File) = runBlocking {
        val journey = Repo.json(file.relativeTo(Repo.root).path) as Map<String, Any?>
        val dir = Files.createTempDirectory("lakse-journey")
        val options = (journey["options"] as Map<String, Any?>? ?: emptyMap()) +
            ("data_dir" to dir.resolve("data").toString())
        val lakse = Lakse.open(Convert.fromJson(options, typeOf<OpenOptions>(), "options") as OpenOptions)
        val vars = mutableMapOf<String, Any?>()
        try {
            for ((i, step) in (journey["steps"] as List<Map<String, Any?>>).withIndex()) {
                val op = step["op"] as String
                val at = "${file.name} step $i ($op)"
                val args = substitute(step["args"] ?: emptyMap<String, Any?>(), vars) as Map<String, Any?>
                val expect = substitute(step["expect"] ?: mapOf("ok" to null), vars) as Map<String, Any?>
                val outcome: Result<Any?> = try {
                    Result.success(Api.call(lakse, op, args))
                } catch (e: LakseException) {
                    Result.failure(e)
                } catch (e: MissingArgument) {
                    Result.failure(e)
                }
                val code = expect["error"]
                val failure = outcome.exceptionOrNull()
                when {
                    failure == null && code == null -> {
                        mismatch(expect["ok"], outcome.getOrNull())?.let { fail("$at: $it") }
                        for ((name, spec) in step["capture"] as Map<String, Any?>? ?: emptyMap()) {
                            vars[name] = capture(spec, outcome.getOrNull())
                        }
                    }
                    failure == null -> fail("$at: expected $code, got ${outcome.getOrNull()}")
                    code == null -> fail("$at: failed with $failure", failure)
                    else -> {
                        val (gotCode, gotField) = when (failure) {
                            is LakseException -> failure.info().let { it.code to it.field }
                            // A required argument left out: Kotlin refuses it at compile time;
                            // the runner reports it as the JSON engine does.
                            is MissingArgument -> "api.invalid_arguments" to failure.field
                            else -> throw failure
                        }
                        assertEquals(code, gotCode, "$at: $failure")
                        if (expect.containsKey("field")) assertEquals(expect["field"], gotField, "$at: field of $failure")
                    }
                }
            }
        } finally {
            lakse.close()
            dir.toFile().deleteRecursively()
        }
    }
}
