package io.github.lakse

import org.json.JSONArray
import org.json.JSONObject
import org.json.JSONTokener
import java.io.File
import java.lang.reflect.InvocationTargetException
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import java.util.Base64
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.callSuspendBy
import kotlin.reflect.full.declaredMemberFunctions
import kotlin.reflect.full.memberProperties
import kotlin.reflect.full.primaryConstructor
import kotlin.reflect.jvm.kotlinFunction

/** The repository (tests/vectors, tests/journeys, tests/fixtures). */
object Repo {
    val root: File = File(System.getProperty("lakse.repo") ?: "../../..").canonicalFile

    fun file(path: String): File = root.resolve(path)

    /** A JSON file as plain Kotlin values (Map, List, String, Number, Boolean, null). */
    fun json(path: String): Any? = plain(JSONTokener(file(path).readText()).nextValue())

    fun plain(v: Any?): Any? = when (v) {
        is JSONObject -> v.keySet().associateWith { plain(v.get(it)) }
        is JSONArray -> (0 until v.length()).map { plain(v.get(it)) }
        JSONObject.NULL -> null
        else -> v
    }
}

fun camel(snake: String): String =
    snake.split('_').mapIndexed { i, p -> if (i == 0) p else p.replaceFirstChar { it.uppercase() } }.joinToString("")

fun snake(camel: String): String = camel.replace(Regex("([a-z0-9])([A-Z])"), "$1_$2").lowercase()

/** A required argument or field the JSON left out: what a compiler refuses in Kotlin. */
class MissingArgument(val field: String) : Exception("missing $field")

/** The operations of tests/vectors/api.json and the Kotlin functions that mirror them. */
object Api {
    data class Op(val name: String, val receiver: String, val args: List<Pair<String, String>>, val returns: String)

    @Suppress("UNCHECKED_CAST")
    val manifest = Repo.json("tests/vectors/api.json") as Map<String, Any?>

    @Suppress("UNCHECKED_CAST")
    val operations: List<Op> = (manifest["operations"] as List<Map<String, Any?>>).map { op ->
        Op(
            op["name"] as String,
            op["receiver"] as String,
            (op["args"] as List<Map<String, String>>).map { it["name"]!! to it["type"]!! },
            op["returns"] as String,
        )
    }

    /** Kotlin names that differ from camelCase (see bindings/uniffi/uniffi.toml). */
    private val renamed = mapOf("close" to "closeHandle")

    fun kotlinName(op: String): String = renamed[op] ?: camel(op)

    private val pure: Map<String, KFunction<*>> =
        Class.forName("io.github.lakse.LakseKt").methods
            .mapNotNull { it.kotlinFunction }
            .associateBy { it.name }

    fun function(op: Op): KFunction<*>? = when (op.receiver) {
        "handle" -> Lakse::class.declaredMemberFunctions.firstOrNull { it.name == kotlinName(op.name) }
        else -> pure[kotlinName(op.name)]
    }

    /** Calls `op` with JSON arguments; the result as JSON-like values. */
    suspend fun call(lakse: Lakse, name: String, args: Map<String, Any?>): Any? {
        val op = operations.first { it.name == name }
        val fn = function(op) ?: error("$name is not in the Kotlin API")
        val params = mutableMapOf<KParameter, Any?>()
        for (p in fn.parameters) {
            if (p.kind == KParameter.Kind.INSTANCE) {
                params[p] = lakse
            } else {
                val key = snake(p.name!!)
                params[p] = Convert.fromJson(args[key], p.type, key)
            }
        }
        val result = try {
            fn.callSuspendBy(params)
        } catch (e: InvocationTargetException) {
            throw e.targetException
        }
        return Convert.toJson(result)
    }
}

/** JSON-like values to Kotlin types and back, by reflection on the generated classes. */
object Convert {
    fun fromJson(json: Any?, type: KType, name: String): Any? {
        if (json == null) {
            if (type.isMarkedNullable) return null
            throw MissingArgument(name)
        }
        val k = type.classifier as KClass<*>
        return when {
            k == String::class -> json as String
            k == Boolean::class -> json as Boolean
            k == Int::class -> (json as Number).toInt()
            k == Long::class -> (json as Number).toLong()
            k == UShort::class -> (json as Number).toInt().toUShort()
            k == UInt::class -> (json as Number).toLong().toUInt()
            k == ULong::class -> (json as Number).toLong().toULong()
            k == LocalDate::class -> LocalDate.parse(json as String)
            k == Instant::class -> Instant.parse(json as String)
            k == ByteArray::class -> Base64.getDecoder().decode(json as String)
            k == IdNumber::class -> IdNumber(json as String)
            k == Secret::class -> Secret(json as String)
            k == EmailAddress::class -> EmailAddress(json as String)
            k == List::class -> (json as List<*>).map { fromJson(it, type.arguments[0].type!!, name) }
            k == Map::class -> (json as Map<*, *>).entries.associate { (key, v) ->
                key as String to fromJson(v, type.arguments[1].type!!, "$name.$key")
            }
            k.java.isEnum -> k.java.enumConstants.first { (it as Enum<*>).name == (json as String).uppercase() }
            k.isSealed -> {
                val fields = json as Map<*, *>
                val variant = k.sealedSubclasses.first { snake(it.simpleName!!) == fields["kind"] }
                variant.objectInstance ?: construct(variant, fields, name)
            }
            else -> construct(k, json as Map<*, *>, name)
        }
    }

    private fun construct(k: KClass<*>, fields: Map<*, *>, name: String): Any {
        val ctor = k.primaryConstructor ?: error("no constructor for $k")
        val args = mutableMapOf<KParameter, Any?>()
        for (p in ctor.parameters) {
            val key = snake(p.name!!)
            when {
                fields.containsKey(key) -> args[p] = fromJson(fields[key], p.type, key)
                p.isOptional -> {}
                p.type.isMarkedNullable -> args[p] = null
                else -> throw MissingArgument(key)
            }
        }
        return ctor.callBy(args)
    }

    fun toJson(v: Any?): Any? = when (v) {
        null, Unit -> null
        is String, is Boolean -> v
        is Int -> v.toLong()
        is Long -> v
        is Short -> v.toLong()
        is UShort -> v.toLong()
        is UInt -> v.toLong()
        is ULong -> v.toLong()
        is LocalDate, is Instant -> v.toString()
        is ByteArray -> Base64.getEncoder().encodeToString(v)
        is IdNumber -> v.expose()
        is Secret -> v.expose()
        is EmailAddress -> v.expose()
        is List<*> -> v.map { toJson(it) }
        is Map<*, *> -> v.entries.associate { (k, x) -> k.toString() to toJson(x) }
        is Enum<*> -> v.name.lowercase()
        else -> record(v)
    }

    private fun record(v: Any): Map<String, Any?> {
        val k = v::class
        val out = linkedMapOf<String, Any?>()
        if (k.supertypes.any { (it.classifier as? KClass<*>)?.isSealed == true }) {
            out["kind"] = snake(k.simpleName!!)
        }
        val props = k.memberProperties.associateBy { it.name }
        for (p in k.primaryConstructor?.parameters.orEmpty()) {
            out[snake(p.name!!)] = toJson(props.getValue(p.name!!).getter.call(v))
        }
        return out
    }
}

/** Journey matching (tests/journeys/README.md): the path of the first mismatch, or null. */
fun mismatch(pattern: Any?, found: Any?, path: String = ""): String? = when {
    pattern == null -> null
    pattern is Map<*, *> && found is Map<*, *> -> pattern.entries.firstNotNullOfOrNull { (k, p) ->
        if (!found.containsKey(k)) "$path/$k missing" else mismatch(p, found[k], "$path/$k")
    }
    pattern is List<*> && found is List<*> && pattern.size == found.size ->
        pattern.indices.firstNotNullOfOrNull { i -> mismatch(pattern[i], found[i], "$path/$i") }
    pattern is Number && found is Number ->
        if (BigDecimal(pattern.toString()).compareTo(BigDecimal(found.toString())) == 0) null
        else "$path: expected $pattern, found $found"
    pattern == found -> null
    else -> "$path: expected $pattern, found $found"
}

/** A JSON pointer ("" is the whole value) into JSON-like values. */
fun pointer(value: Any?, ptr: String): Any? {
    if (ptr.isEmpty()) return value
    return ptr.removePrefix("/").split('/').fold(value) { v, raw ->
        val part = raw.replace("~1", "/").replace("~0", "~")
        when (v) {
            is Map<*, *> -> {
                require(v.containsKey(part)) { "nothing at $ptr" }
                v[part]
            }
            is List<*> -> v[part.toInt()]
            else -> error("nothing at $ptr")
        }
    }
}
