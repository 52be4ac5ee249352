/*
 * The C binding's test, through include/lakse.h only:
 *
 * - the shared vectors tests/vectors/{nik,kk,phone,email,transitions}.json,
 *   through lakse_parse_nik, lakse_mask_nik, lakse_parse_kk, lakse_mask_kk,
 *   lakse_normalize_phone, lakse_mask_phone, lakse_parse_email,
 *   lakse_next_status, lakse_initial_status, lakse_allowed_actions and
 *   lakse_status_label;
 * - every journey file of tests/journeys/ (and bindings/c/tests/journeys/),
 *   in the format of tests/journeys/README.md, through lakse_open, lakse_call
 *   and lakse_free_handle;
 * - the refusals: a NULL, freed, double-freed, closed or made-up handle, bad
 *   JSON, a NULL pointer, invalid UTF-8, a NIK with letters, bad options and
 *   an unknown operation each return the right number, code, field and
 *   messages (the Indonesian one and the number as tests/vectors/errors.json
 *   has them);
 * - API parity: every operation of tests/vectors/api.json has its lakse_<op>.
 *
 *   journeys [REPO_ROOT]      (default ".")
 *
 * JSON is read with cJSON (Debian's libcjson-dev). The last line is
 * "N passed, N failed, N skipped"; the exit status is 1 when any failed.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, nftw, scandir, strdup */
#define _XOPEN_SOURCE 700

#include <cjson/cJSON.h>
#include <dirent.h>
#include <dlfcn.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lakse.h"

static const char *root = ".";
static int passed, failed, skipped;

/* ---- reporting ------------------------------------------------------------ */

static void fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    failed++;
}

/* ---- files ----------------------------------------------------------------- */

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *data = malloc((size_t)size + 1);
    size_t got = fread(data, 1, (size_t)size, f);
    fclose(f);
    data[got] = '\0';
    if (len) *len = got;
    return data;
}

static cJSON *read_json(const char *relative) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, relative);
    char *text = read_file(path, NULL);
    if (!text) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    cJSON *json = cJSON_Parse(text);
    free(text);
    if (!json) {
        fprintf(stderr, "%s is not JSON\n", path);
        exit(2);
    }
    return json;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_tree(const char *dir) { nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

/* ---- calling lakse --------------------------------------------------------- */

/* One call's outcome: the result (success) or the last error. */
typedef struct {
    int32_t rc;
    cJSON *result;
    char code[64], field[64], message[1024], message_id[1024];
} outcome;

static outcome take(int32_t rc, char *out) {
    outcome o = {0};
    o.rc = rc;
    if (rc == LAKSE_OK) {
        o.result = out ? cJSON_Parse(out) : NULL;
    } else {
        snprintf(o.code, sizeof o.code, "%s", lakse_last_error_code());
        snprintf(o.field, sizeof o.field, "%s", lakse_last_error_field());
        snprintf(o.message, sizeof o.message, "%s", lakse_last_error_message());
        snprintf(o.message_id, sizeof o.message_id, "%s", lakse_last_error_message_id());
        if (out) fail("a failed call left an out pointer set");
    }
    lakse_string_free(out);
    return o;
}

typedef int32_t (*pure_fn)(const char *args_json, char **out_json);

static outcome call_pure(pure_fn fn, cJSON *args) {
    char *text = cJSON_PrintUnformatted(args);
    char *out = NULL;
    int32_t rc = fn(text, &out);
    free(text);
    return take(rc, out);
}

static outcome call_op(lakse_handle h, const char *op, cJSON *args) {
    char *text = cJSON_PrintUnformatted(args);
    char *out = NULL;
    int32_t rc = lakse_call(h, op, text, &out);
    free(text);
    return take(rc, out);
}

/* ---- JSON helpers ------------------------------------------------------------ */

static const char *str(const cJSON *obj, const char *key) {
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));
}

/* JSON Pointer (RFC 6901) into `doc`; NULL when it leads nowhere. */
static cJSON *pointer(cJSON *doc, const char *ptr) {
    if (*ptr == '\0') return doc;
    if (*ptr != '/') return NULL;
    char token[256];
    while (doc && *ptr == '/') {
        ptr++;
        size_t n = 0;
        while (*ptr && *ptr != '/' && n + 1 < sizeof token) {
            if (ptr[0] == '~' && ptr[1] == '1') token[n++] = '/', ptr += 2;
            else if (ptr[0] == '~' && ptr[1] == '0') token[n++] = '~', ptr += 2;
            else token[n++] = *ptr++;
        }
        token[n] = '\0';
        if (cJSON_IsArray(doc)) {
            char *end;
            long i = strtol(token, &end, 10);
            doc = (*end || n == 0) ? NULL : cJSON_GetArrayItem(doc, (int)i);
        } else if (cJSON_IsObject(doc)) {
            doc = cJSON_GetObjectItemCaseSensitive(doc, token);
        } else {
            doc = NULL;
        }
    }
    return doc;
}

/* The journeys' matching: null matches anything; an object pattern needs at
 * least its keys; an array pattern the same length; other values equality
 * (numbers by value). */
static int matches(const cJSON *pattern, const cJSON *value) {
    if (!pattern || cJSON_IsNull(pattern)) return 1;
    if (!value) return 0;
    if (cJSON_IsObject(pattern)) {
        if (!cJSON_IsObject(value)) return 0;
        const cJSON *p;
        cJSON_ArrayForEach(p, pattern) {
            if (!matches(p, cJSON_GetObjectItemCaseSensitive(value, p->string))) return 0;
        }
        return 1;
    }
    if (cJSON_IsArray(pattern)) {
        if (!cJSON_IsArray(value) || cJSON_GetArraySize(pattern) != cJSON_GetArraySize(value))
            return 0;
        for (int i = 0; i < cJSON_GetArraySize(pattern); i++)
            if (!matches(cJSON_GetArrayItem(pattern, i), cJSON_GetArrayItem(value, i))) return 0;
        return 1;
    }
    if (cJSON_IsNumber(pattern))
        return cJSON_IsNumber(value) && cJSON_GetNumberValue(pattern) == cJSON_GetNumberValue(value);
    return cJSON_Compare(pattern, value, 1);
}

static char *show(const cJSON *json) {
    return json ? cJSON_PrintUnformatted(json) : strdup("(nothing)");
}

/* ---- the catalogue, for checking numbers and Indonesian messages ---------- */

static cJSON *catalogue; /* tests/vectors/errors.json */

static const cJSON *catalogue_entry(const char *code) {
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(catalogue, "errors")) {
        if (strcmp(str(e, "code"), code) == 0) return e;
    }
    return NULL;
}

/* The outcome is the error `code` (and `field` unless NULL), with the
 * catalogue's number and Indonesian message. Returns 1 when it is. */
static int is_error(const outcome *o, const char *code, const char *field) {
    if (o->rc == LAKSE_OK || strcmp(o->code, code) != 0) return 0;
    if (field && strcmp(o->field, field) != 0) return 0;
    const cJSON *entry = catalogue_entry(code);
    return entry && cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(entry, "number")) == o->rc &&
           strcmp(str(entry, "message_id"), o->message_id) == 0;
}

/* ---- vectors --------------------------------------------------------------- */

/* Checks one vector case's outcome against its "ok" (via `check_ok`) or
 * "error" ({"code", "field"?}). */
static void vector_case(const char *name, int i, const cJSON *c, outcome *o,
                        int (*check_ok)(const cJSON *want, const cJSON *got)) {
    const cJSON *ok = cJSON_GetObjectItemCaseSensitive(c, "ok");
    const cJSON *err = cJSON_GetObjectItemCaseSensitive(c, "error");
    int good;
    if (ok) {
        good = o->rc == LAKSE_OK && check_ok(ok, o->result);
    } else {
        const char *field = str(err, "field");
        good = is_error(o, str(err, "code"), field);
    }
    if (good) {
        passed++;
    } else {
        char *want = show(ok ? ok : err), *got = show(o->result);
        fail("%s case %d (%s): want %s, got rc %d %s %s [%s]", name, i, str(c, "note"), want,
             (int)o->rc, o->code, o->field, o->rc ? o->message : got);
        free(want);
        free(got);
    }
    cJSON_Delete(o->result);
}

/* NIK / No KK "ok" parts under the vectors' names; the record has
 * province_code, regency_code, district_code and successor_code. */
static int id_record_matches(const cJSON *want, const cJSON *got) {
    const cJSON *w;
    cJSON_ArrayForEach(w, want) {
        char key[64];
        const char *k = w->string;
        if (!strcmp(k, "province") || !strcmp(k, "regency") || !strcmp(k, "district") ||
            !strcmp(k, "successor"))
            snprintf(key, sizeof key, "%s_code", k);
        else
            snprintf(key, sizeof key, "%s", k);
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(got, key);
        int same = cJSON_IsNull(w) ? (!g || cJSON_IsNull(g)) : (g && matches(w, g));
        if (!same) return 0;
    }
    return 1;
}

static int masked_matches(const cJSON *want, const cJSON *got) {
    const char *masked = str(want, "masked");
    return masked && cJSON_IsString(got) && strcmp(masked, got->valuestring) == 0;
}

static int equals(const cJSON *want, const cJSON *got) { return matches(want, got); }

static void identity_vectors(const char *file, pure_fn strict) {
    char rel[128];
    snprintf(rel, sizeof rel, "tests/vectors/%s", file);
    cJSON *doc = read_json(rel);
    const char *today = str(doc, "today");
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        cJSON *args = cJSON_CreateObject();
        cJSON_AddStringToObject(args, "text", str(c, "input"));
        outcome o;
        if (strcmp(str(c, "mode"), "strict") == 0) {
            cJSON_AddStringToObject(args, "today", today);
            o = call_pure(strict, args);
            vector_case(file, i, c, &o, id_record_matches);
        } else {
            /* Lenient mode is reachable through the display forms (no today:
             * the lenient vectors' dates lie decades back). */
            o = call_pure(strict == lakse_parse_nik ? lakse_mask_nik : lakse_mask_kk, args);
            vector_case(file, i, c, &o, masked_matches);
        }
        cJSON_Delete(args);
        i++;
    }
    cJSON_Delete(doc);
}

static void phone_vectors(void) {
    cJSON *doc = read_json("tests/vectors/phone.json");
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        cJSON *args = cJSON_CreateObject();
        cJSON_AddStringToObject(args, "text", str(c, "input"));
        outcome o = call_pure(lakse_normalize_phone, args);
        vector_case("phone.json", i, c, &o, equals);
        const cJSON *masked = cJSON_GetObjectItemCaseSensitive(c, "masked");
        if (masked) {
            /* The display form of the same number. */
            o = call_pure(lakse_mask_phone, args);
            cJSON *want = cJSON_CreateObject();
            cJSON_AddItemToObject(want, "ok", cJSON_Duplicate(masked, 1));
            vector_case("phone.json (masked)", i, want, &o, equals);
            cJSON_Delete(want);
        }
        i++;
        cJSON_Delete(args);
    }
    cJSON_Delete(doc);
}

static void email_vectors(void) {
    cJSON *doc = read_json("tests/vectors/email.json");
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        const cJSON *same = cJSON_GetObjectItemCaseSensitive(c, "same");
        if (same) {
            /* Every input is the same address: one key for all. */
            char *first = NULL;
            int good = 1;
            const cJSON *input;
            cJSON_ArrayForEach(input, same) {
                cJSON *args = cJSON_CreateObject();
                cJSON_AddStringToObject(args, "text", input->valuestring);
                outcome o = call_pure(lakse_parse_email, args);
                const char *key = o.rc == LAKSE_OK ? str(o.result, "key") : NULL;
                if (!key) good = 0;
                else if (!first) first = strdup(key);
                else if (strcmp(first, key) != 0) good = 0;
                cJSON_Delete(o.result);
                cJSON_Delete(args);
            }
            if (good) passed++;
            else fail("email.json case %d (%s): not one address", i, str(c, "note"));
            free(first);
            i++;
            continue;
        }
        cJSON *args = cJSON_CreateObject();
        cJSON_AddStringToObject(args, "text", str(c, "input"));
        outcome o = call_pure(lakse_parse_email, args);
        vector_case("email.json", i++, c, &o, equals);
        cJSON_Delete(args);
    }
    cJSON_Delete(doc);
}

static void transition_vectors(void) {
    cJSON *doc = read_json("tests/vectors/transitions.json");
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        cJSON *args = cJSON_CreateObject();
        cJSON_AddStringToObject(args, "status", str(c, "status"));
        cJSON_AddStringToObject(args, "action", str(c, "action"));
        cJSON_AddStringToObject(args, "actor", str(c, "actor"));
        outcome o = call_pure(lakse_next_status, args);
        vector_case("transitions.json", i, c, &o, equals);
        const cJSON *allowed =
            cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c, "error"), "allowed");
        if (allowed) {
            /* What the refusal lists: what that actor may do from that status. */
            cJSON_DeleteItemFromObjectCaseSensitive(args, "action");
            o = call_pure(lakse_allowed_actions, args);
            cJSON *want = cJSON_CreateObject();
            cJSON_AddItemToObject(want, "ok", cJSON_Duplicate(allowed, 1));
            vector_case("transitions.json (allowed)", i, want, &o, equals);
            cJSON_Delete(want);
        }
        i++;
        cJSON_Delete(args);
    }
    i = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "initial")) {
        cJSON *args = cJSON_CreateObject();
        cJSON_AddStringToObject(args, "actor", str(c, "actor"));
        outcome o = call_pure(lakse_initial_status, args);
        vector_case("transitions.json (initial)", i++, c, &o, equals);
        cJSON_Delete(args);
    }
    const cJSON *label;
    cJSON_ArrayForEach(label, cJSON_GetObjectItemCaseSensitive(doc, "labels")) {
        cJSON *args = cJSON_CreateObject();
        cJSON_AddStringToObject(args, "status", label->string);
        outcome o = call_pure(lakse_status_label, args);
        /* The vector gives the default note for some statuses only; `equals`
         * checks the keys the vector has. */
        cJSON *want = cJSON_CreateObject();
        cJSON_AddItemToObject(want, "ok", cJSON_Duplicate(label, 1));
        vector_case("transitions.json (labels)", i++, want, &o, equals);
        cJSON_Delete(want);
        cJSON_Delete(args);
    }
    cJSON_Delete(doc);
}

/* ---- journeys -------------------------------------------------------------- */

/* The text of a captured value, for "${var}" inside a longer string. */
static char *value_text(const cJSON *v) {
    return cJSON_IsString(v) ? strdup(v->valuestring) : cJSON_PrintUnformatted(v);
}

/* A copy of `node` with "${var}" and {"$fixture": name} substituted. */
static cJSON *substitute(const cJSON *node, const cJSON *vars) {
    if (cJSON_IsString(node)) {
        const char *s = node->valuestring;
        size_t n = strlen(s);
        if (n > 3 && s[0] == '$' && s[1] == '{' && s[n - 1] == '}' && !strchr(s + 2, '$')) {
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)(n - 3), s + 2);
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(vars, name);
            if (v) return cJSON_Duplicate(v, 1);
        }
        /* "${var}" inside a longer string: replaced by the value's text. */
        size_t cap = n + 1, len = 0;
        char *out = malloc(cap);
        for (const char *p = s; *p;) {
            const char *close = p[0] == '$' && p[1] == '{' ? strchr(p, '}') : NULL;
            const cJSON *v = NULL;
            if (close) {
                char name[128];
                snprintf(name, sizeof name, "%.*s", (int)(close - p - 2), p + 2);
                v = cJSON_GetObjectItemCaseSensitive(vars, name);
            }
            char *piece = v ? value_text(v) : strndup(p, 1);
            size_t pl = strlen(piece);
            if (len + pl + 1 > cap) out = realloc(out, cap = (len + pl + 1) * 2);
            memcpy(out + len, piece, pl);
            len += pl;
            free(piece);
            p = v ? close + 1 : p + 1;
        }
        out[len] = '\0';
        cJSON *result = cJSON_CreateString(out);
        free(out);
        return result;
    }
    if (cJSON_IsObject(node)) {
        const char *fixture = str(node, "$fixture");
        if (fixture && cJSON_GetArraySize(node) == 1) {
            char path[1024];
            size_t len = 0;
            snprintf(path, sizeof path, "%s/tests/fixtures/%s", root, fixture);
            char *bytes = read_file(path, &len);
            char *b64 = NULL;
            if (!bytes || lakse_base64_encode((const uint8_t *)bytes, len, &b64) != LAKSE_OK) {
                fprintf(stderr, "fixture %s unreadable\n", path);
                exit(2);
            }
            cJSON *result = cJSON_CreateString(b64);
            lakse_string_free(b64);
            free(bytes);
            return result;
        }
        cJSON *copy = cJSON_CreateObject();
        const cJSON *child;
        cJSON_ArrayForEach(child, node) {
            cJSON_AddItemToObject(copy, child->string, substitute(child, vars));
        }
        return copy;
    }
    if (cJSON_IsArray(node)) {
        cJSON *copy = cJSON_CreateArray();
        const cJSON *child;
        cJSON_ArrayForEach(child, node) { cJSON_AddItemToArray(copy, substitute(child, vars)); }
        return copy;
    }
    return cJSON_Duplicate(node, 1);
}

/* Runs one step; returns 0 (and reports) when it does not meet its expectation. */
static int journey_step(const char *name, int i, lakse_handle h, const cJSON *step, cJSON *vars) {
    const char *op = str(step, "op");
    const cJSON *raw_args = cJSON_GetObjectItemCaseSensitive(step, "args");
    cJSON *args = raw_args ? substitute(raw_args, vars) : cJSON_CreateObject();
    const cJSON *raw_expect = cJSON_GetObjectItemCaseSensitive(step, "expect");
    cJSON *expect = raw_expect ? substitute(raw_expect, vars) : cJSON_Parse("{\"ok\": null}");
    outcome o = call_op(h, op, args);
    const cJSON *want_error = cJSON_GetObjectItemCaseSensitive(expect, "error");
    int good;
    if (want_error) {
        /* "field": a string, or null for an error without a field. */
        const cJSON *want_field = cJSON_GetObjectItemCaseSensitive(expect, "field");
        const char *field = !want_field ? NULL : cJSON_IsNull(want_field) ? "" : want_field->valuestring;
        good = is_error(&o, want_error->valuestring, field);
    } else {
        good = o.rc == LAKSE_OK && matches(cJSON_GetObjectItemCaseSensitive(expect, "ok"), o.result);
    }
    if (!good) {
        char *want = show(expect), *got = show(o.result);
        fail("journey %s step %d (%s): want %s, got rc %d %s %s [%s]", name, i, op, want,
             (int)o.rc, o.code, o.field, o.rc ? o.message : got);
        free(want);
        free(got);
    }
    const cJSON *capture;
    cJSON_ArrayForEach(capture, cJSON_GetObjectItemCaseSensitive(step, "capture")) {
        if (!good) break;
        cJSON *value = NULL;
        if (cJSON_IsString(capture)) {
            value = pointer(o.result, capture->valuestring);
        } else {
            cJSON *where = substitute(cJSON_GetObjectItemCaseSensitive(capture, "where"), vars);
            const cJSON *item;
            cJSON *last = NULL;
            cJSON_ArrayForEach(item, o.result) {
                if (matches(where, item)) last = (cJSON *)item;
            }
            value = last ? pointer(last, str(capture, "pick")) : NULL;
            cJSON_Delete(where);
        }
        if (!value) {
            fail("journey %s step %d (%s): nothing to capture as %s", name, i, op, capture->string);
            good = 0;
            break;
        }
        cJSON_DeleteItemFromObjectCaseSensitive(vars, capture->string);
        cJSON_AddItemToObject(vars, capture->string, cJSON_Duplicate(value, 1));
    }
    cJSON_Delete(o.result);
    cJSON_Delete(args);
    cJSON_Delete(expect);
    return good;
}

static void journey(const char *dir, const char *file) {
    char rel[1024];
    snprintf(rel, sizeof rel, "%s/%s", dir, file);
    cJSON *doc = read_json(rel);
    char data_dir[] = "/tmp/lakse-c-journey-XXXXXX";
    if (!mkdtemp(data_dir)) {
        perror("mkdtemp");
        exit(2);
    }
    const cJSON *raw_options = cJSON_GetObjectItemCaseSensitive(doc, "options");
    cJSON *options = raw_options ? cJSON_Duplicate(raw_options, 1) : cJSON_CreateObject();
    cJSON_AddStringToObject(options, "data_dir", data_dir);
    char *options_text = cJSON_PrintUnformatted(options);
    lakse_handle h = LAKSE_NULL_HANDLE;
    if (lakse_open(options_text, &h) != LAKSE_OK) {
        fail("journey %s: open: %s", rel, lakse_last_error_message());
    } else {
        cJSON *vars = cJSON_CreateObject();
        const cJSON *step;
        int i = 0, good = 1;
        cJSON_ArrayForEach(step, cJSON_GetObjectItemCaseSensitive(doc, "steps")) {
            if (!journey_step(rel, i++, h, step, vars)) {
                good = 0;
                break; /* later steps depend on this one */
            }
        }
        if (good) {
            passed++;
            printf("ok   journey %s (%d steps)\n", rel, i);
        }
        cJSON_Delete(vars);
        lakse_free_handle(h);
    }
    free(options_text);
    cJSON_Delete(options);
    cJSON_Delete(doc);
    remove_tree(data_dir);
}

static int is_json(const struct dirent *e) {
    size_t n = strlen(e->d_name);
    return n > 5 && strcmp(e->d_name + n - 5, ".json") == 0;
}

static void journeys_in(const char *dir) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, dir);
    struct dirent **entries;
    int n = scandir(path, &entries, is_json, alphasort);
    for (int i = 0; i < n; i++) {
        journey(dir, entries[i]->d_name);
        free(entries[i]);
    }
    if (n >= 0) free(entries);
}

/* ---- refusals -------------------------------------------------------------- */

/* Whether `text` matches `pattern`, where '*' stands for any text. */
static int glob(const char *pattern, const char *text) {
    if (*pattern == '\0') return *text == '\0';
    if (*pattern == '*') return glob(pattern + 1, text) || (*text && glob(pattern, text + 1));
    return *text == *pattern && glob(pattern + 1, text + 1);
}

/* One refusal: `rc` must be the error `code` on `field` with the English
 * message `message` ('*' for any text), and the catalogue's number and
 * Indonesian text. */
static void refusal(const char *what, int32_t rc, int32_t number, const char *code,
                    const char *field, const char *message) {
    outcome o = take(rc, NULL);
    if (o.rc == number && is_error(&o, code, field) && glob(message, o.message) &&
        lakse_last_error_number() == number && o.message_id[0] != '\0') {
        passed++;
        printf("ok   %-28s %d %s (%s): %s / %s\n", what, (int)rc, o.code, o.field, o.message,
               o.message_id);
    } else {
        fail("%s: want %d %s (%s) \"%s\", got %d %s (%s) \"%s\" / \"%s\"", what, (int)number, code,
             field, message, (int)rc, o.code, o.field, o.message, o.message_id);
    }
}

static void refusals(void) {
    char *out = NULL;
    const char *session = "{\"session\": \"no-such-session\"}";

    refusal("NULL handle", lakse_whoami(LAKSE_NULL_HANDLE, session, &out), LAKSE_API_INVALID_ARGUMENTS,
            "api.invalid_arguments", "handle", "handle: null handle (LAKSE_NULL_HANDLE)");
    refusal("made-up handle", lakse_whoami((lakse_handle)0x0000000700000009ULL, session, &out),
            LAKSE_API_INVALID_ARGUMENTS, "api.invalid_arguments", "handle",
            "handle: not a handle lakse_open gave out");

    char data_dir[] = "/tmp/lakse-c-refusals-XXXXXX";
    if (!mkdtemp(data_dir)) exit(2);
    char options[256];
    snprintf(options, sizeof options, "{\"data_dir\": \"%s\"}", data_dir);
    lakse_handle h = LAKSE_NULL_HANDLE;
    if (lakse_open(options, &h) != LAKSE_OK || h == LAKSE_NULL_HANDLE) {
        fail("open: %s", lakse_last_error_message());
        return;
    }
    refusal("unknown session", lakse_whoami(h, session, &out), LAKSE_AUTH_SESSION_INVALID,
            "auth.session_invalid", "session", "session is not valid; log in again");
    refusal("NULL out_json", lakse_whoami(h, session, NULL), LAKSE_API_INVALID_ARGUMENTS,
            "api.invalid_arguments", "out_json", "out_json: NULL pointer");
    refusal("closed handle", (lakse_close(h), lakse_whoami(h, session, &out)), LAKSE_HANDLE_CLOSED,
            "handle.closed", "", "the handle is closed");
    if (lakse_free_handle(h) != LAKSE_OK) fail("free: %s", lakse_last_error_message());
    refusal("freed handle", lakse_whoami(h, session, &out), LAKSE_HANDLE_CLOSED, "handle.closed",
            "handle", "handle: the handle was freed (lakse_free_handle)");
    refusal("double free", lakse_free_handle(h), LAKSE_HANDLE_CLOSED, "handle.closed", "handle",
            "handle: the handle was freed (lakse_free_handle)");
    refusal("free NULL handle", lakse_free_handle(LAKSE_NULL_HANDLE), LAKSE_API_INVALID_ARGUMENTS,
            "api.invalid_arguments", "handle", "handle: null handle (LAKSE_NULL_HANDLE)");

    /* A new handle may reuse the slot; the old id stays dead. */
    lakse_handle h2 = LAKSE_NULL_HANDLE;
    if (lakse_open(options, &h2) != LAKSE_OK || h2 == h) fail("reopen gave the freed id back");
    refusal("freed id after reuse", lakse_whoami(h, session, &out), LAKSE_HANDLE_CLOSED,
            "handle.closed", "handle", "handle: the handle was freed (lakse_free_handle)");
    lakse_free_handle(h2);
    remove_tree(data_dir);

    refusal("bad JSON", lakse_parse_nik("{\"text\": ", &out), LAKSE_API_INVALID_ARGUMENTS,
            "api.invalid_arguments", "args_json",
            "args_json: not JSON: EOF while parsing a value at line 1 column 9");
    refusal("NULL args_json", lakse_parse_nik(NULL, &out), LAKSE_API_INVALID_ARGUMENTS,
            "api.invalid_arguments", "args_json", "args_json: NULL pointer");
    refusal("invalid UTF-8", lakse_parse_nik("{\"text\": \"\xC3\x28\"}", &out),
            LAKSE_API_INVALID_ARGUMENTS, "api.invalid_arguments", "args_json",
            "args_json: not valid UTF-8 (at byte 10)");
    refusal("ill-typed argument", lakse_parse_nik("{\"text\": 2171}", &out),
            LAKSE_API_INVALID_ARGUMENTS, "api.invalid_arguments", "text",
            "text: expected a string");
    refusal("NIK with letters", lakse_parse_nik("{\"text\": \"21710552099000a1\"}", &out),
            LAKSE_NIK_INVALID_CHARACTER, "nik.invalid_character", "nik",
            "nik: NIK may hold only the digits 0-9 (*); found 'a' at position 15");
    refusal("unknown operation", lakse_call(LAKSE_NULL_HANDLE, "launch", "{}", &out),
            LAKSE_API_UNKNOWN_OPERATION, "api.unknown_operation", "op",
            "op: no operation \"launch\"");
    refusal("NULL operation name", lakse_call(LAKSE_NULL_HANDLE, NULL, "{}", &out),
            LAKSE_API_INVALID_ARGUMENTS, "api.invalid_arguments", "op", "op: NULL pointer");
    refusal("NULL base64 data", lakse_base64_encode(NULL, 3, &out), LAKSE_API_INVALID_ARGUMENTS,
            "api.invalid_arguments", "data", "data: NULL pointer");

    lakse_handle bad = 42;
    refusal("bad options", lakse_open("{\"data_dir\": \"/tmp/x\", \"number_prefix\": \"btm\"}", &bad),
            LAKSE_OPTIONS_INVALID_PREFIX, "options.invalid_prefix", "number_prefix",
            "number_prefix: must be 2 to 8 capital letters A-Z");
    if (bad != LAKSE_NULL_HANDLE) fail("a failed open left a handle");
    refusal("options not an object", lakse_open("42", &bad), LAKSE_API_INVALID_ARGUMENTS,
            "api.invalid_arguments", "options_json",
            "options_json: not OpenOptions (the object api.json describes)");

    /* A success clears the last error. */
    if (lakse_mask_nik("{\"text\": \"2171055209900001\"}", &out) != LAKSE_OK ||
        strcmp(out, "\"2171xxxxxxxx0001\"") != 0 || lakse_last_error_number() != LAKSE_OK ||
        lakse_last_error_code()[0] != '\0') {
        fail("a success did not clear the last error");
    } else {
        passed++;
    }
    lakse_string_free(out);
}

/* Every operation of api.json has its C function (looked up in the loaded library). */
static void api_parity(void) {
    cJSON *api = read_json("tests/vectors/api.json");
    const cJSON *op;
    cJSON_ArrayForEach(op, cJSON_GetObjectItemCaseSensitive(api, "operations")) {
        char symbol[128];
        snprintf(symbol, sizeof symbol, "lakse_%s", str(op, "name"));
        if (dlsym(RTLD_DEFAULT, symbol)) passed++;
        else fail("api.json operation %s has no C function %s", str(op, "name"), symbol);
    }
    cJSON_Delete(api);
}

int main(int argc, char **argv) {
    if (argc > 1) root = argv[1];
    catalogue = read_json("tests/vectors/errors.json");

    int before = passed + failed;
    identity_vectors("nik.json", lakse_parse_nik);
    identity_vectors("kk.json", lakse_parse_kk);
    phone_vectors();
    email_vectors();
    transition_vectors();
    printf("ok   vectors: %d cases run, %d skipped\n", passed + failed - before, skipped);

    journeys_in("tests/journeys");
    journeys_in("bindings/c/tests/journeys");
    refusals();
    api_parity();

    cJSON_Delete(catalogue);
    printf("\n%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed ? 1 : 0;
}
