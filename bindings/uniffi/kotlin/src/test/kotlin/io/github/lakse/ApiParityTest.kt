package io.github.lakse

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.Instant
import java.time.LocalDate
import kotlin.reflect.KClass
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.primaryConstructor
import kotlin.reflect.full.withNullability

/** The generated Kotlin API against tests/vectors/api.json and errors.json. */
@Suppress("UNCHECKED_CAST")
class ApiParityTest {
    /** A Kotlin type in api.json's neutral notation. */
    private fun neutral(type: KType): String {
        if (type.isMarkedNullable) return "optional<${neutral(type.withNullability(false))}>"
        val k = type.classifier as KClass<*>
        return when (k) {
            String::class -> "string"
            Boolean::class -> "bool"
            UShort::class -> "u16"
            UInt::class -> "u32"
            ULong::class -> "u64"
            Long::class -> "i64"
            LocalDate::class -> "date"
            Instant::class -> "timestamp"
            ByteArray::class -> "bytes"
            Unit::class -> "void"
            List::class -> "list<${neutral(type.arguments[0].type!!)}>"
            else -> k.simpleName!!
        }
    }

    @Test
    fun everyOperationIsPresentWithItsArgumentsAndTypes() {
        assertTrue(Api.operations.size >= 40)
        for (op in Api.operations) {
            val fn = Api.function(op) ?: throw AssertionError("${op.name} (${Api.kotlinName(op.name)}) is missing")
            val params = fn.parameters.filter { it.kind == KParameter.Kind.VALUE }
            assertEquals(op.args.map { it.first }, params.map { snake(it.name!!) }, "${op.name}: arguments")
            assertEquals(op.args.map { it.second }, params.map { neutral(it.type) }, "${op.name}: argument types")
            assertEquals(op.returns, neutral(fn.returnType), "${op.name}: result type")
            // Handle methods touch the database, files or the network: suspend. Pure ones stay plain.
            assertEquals(op.receiver == "handle", fn.isSuspend, "${op.name}: suspend")
        }
    }

    @Test
    fun everyRecordAndEnumOfTheManifestHasItsFieldsAndValues() {
        val types = Api.manifest["types"] as Map<String, Map<String, Any?>>
        // Bytes are ByteArray; the privacy wrappers are objects with expose() and a masked toString.
        for (name in listOf("IdNumber", "Secret", "EmailAddress")) {
            assertTrue(Class.forName("io.github.lakse.$name").methods.any { it.name == "expose" }, name)
        }
        for ((name, schema) in types - setOf("Bytes", "IdNumber", "Secret", "EmailAddress")) {
            val k = Class.forName("io.github.lakse.$name").kotlin
            val props = schema["properties"] as Map<String, Any?>?
            val oneOf = schema["oneOf"] as List<Map<String, Any?>>?
            when {
                props != null -> assertEquals(
                    props.keys,
                    k.primaryConstructor!!.parameters.map { snake(it.name!!) }.toSet(),
                    "$name: fields",
                )
                oneOf != null && oneOf.all { it.containsKey("const") } -> assertEquals(
                    oneOf.map { it["const"] }.toSet(),
                    k.java.enumConstants.map { (it as Enum<*>).name.lowercase() }.toSet(),
                    "$name: values",
                )
                oneOf != null -> {
                    val kinds = oneOf.map { ((it["properties"] as Map<String, Any?>)["kind"] as Map<String, Any?>)["const"] }
                    assertEquals(kinds.toSet(), k.sealedSubclasses.map { snake(it.simpleName!!) }.toSet(), "$name: variants")
                }
                else -> throw AssertionError("$name: unexpected schema")
            }
        }
    }

    @Test
    fun everyErrorFamilyHasItsExceptionClass() {
        val errors = (Repo.json("tests/vectors/errors.json") as Map<String, Any?>)["errors"] as List<Map<String, Any?>>
        assertTrue(errors.size > 50)
        val families = errors.map { it["family"] as String }.toSet()
        assertEquals(families, LakseException::class.sealedSubclasses.map { snake(it.simpleName!!) }.toSet())
        assertEquals(families, Family.entries.map { it.name.lowercase() }.toSet())
    }
}
