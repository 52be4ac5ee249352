/*
 * The applicant's journey through include/lakse.h, in C:
 *
 * register -> follow the confirmation link from the outbox (choosing a
 * password) -> log in -> fill "Data Diri" -> submit "Cetak KTP/KK" with the
 * documents of tests/fixtures/ -> an officer (created by the first admin)
 * accepts and completes it -> the pickup coupon PDF is written to a file ->
 * its verification code is checked with the office's public key alone.
 *
 *   walkthrough [DATA_DIR [FIXTURES_DIR]]
 *
 * DATA_DIR must not hold a lakse.db yet (default: a new folder under /tmp);
 * FIXTURES_DIR defaults to tests/fixtures (run from the repository root).
 * tests/run-c.sh builds it with gcc -Wall -Wextra -Werror and runs it plainly
 * and under valgrind.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, strndup */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lakse.h"

/* ---- failing loudly ---------------------------------------------------- */

static void die(const char *what, int32_t rc) {
    fprintf(stderr, "%s failed: %d %s (field \"%s\"): %s / %s\n", what, (int)rc,
            lakse_last_error_code(), lakse_last_error_field(), lakse_last_error_message(),
            lakse_last_error_message_id());
    exit(1);
}

#define CHECK(what, call)                  \
    do {                                   \
        int32_t rc_ = (call);              \
        if (rc_ != LAKSE_OK) die(what, rc_); \
    } while (0)

/* ---- a growable string, for building args_json -------------------------- */

typedef struct {
    char *data;
    size_t len, cap;
} buf;

static void buf_add(buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) exit(2);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->data = realloc(b->data, b->cap);
        if (!b->data) exit(2);
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Appends `s` as a JSON string literal. */
static void buf_json(buf *b, const char *s) {
    buf_add(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') buf_add(b, "\\%c", c);
        else if (c < 0x20) buf_add(b, "\\u%04x", c);
        else buf_add(b, "%c", c);
    }
    buf_add(b, "\"");
}

/* ---- a tiny JSON reader: enough for the results this journey reads ------ */

/* The string value of the first "key" at or after `from` (JSON escapes other
 * than \" and \\ are copied as they are: the values read here have none).
 * Returns a malloc'd copy, or NULL. */
static char *json_string(const char *from, const char *key) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *p = strstr(from, pattern);
    if (!p) return NULL;
    p += strlen(pattern);
    char *out = malloc(strlen(p) + 1), *o = out;
    for (; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1]) p++;
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

/* A JSON string result ("\"...\"") without its quotes, malloc'd. */
static char *json_unquote(const char *json) {
    size_t n = strlen(json);
    char *out = malloc(n + 1);
    if (n >= 2 && json[0] == '"') {
        memcpy(out, json + 1, n - 2);
        out[n - 2] = '\0';
    } else {
        strcpy(out, json);
    }
    return out;
}

/* The end of the JSON object or array starting at `p` (just past its closing
 * bracket), skipping over strings. */
static const char *json_skip(const char *p) {
    int depth = 0;
    for (; *p; p++) {
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\' && p[1]) p++;
        } else if (*p == '{' || *p == '[') {
            depth++;
        } else if ((*p == '}' || *p == ']') && --depth == 0) {
            return p + 1;
        }
    }
    return p;
}

/* The field `key` of the data of the newest outbox message of `kind` to `to`
 * (the outbox is an array of objects, oldest first; see types.OutboxMessage). */
static char *mail_value(lakse_handle h, const char *kind, const char *to, const char *key) {
    char *outbox = NULL;
    CHECK("outbox", lakse_outbox(h, "{\"limit\": 1000}", &outbox));
    char kind_pat[64], to_pat[160];
    snprintf(kind_pat, sizeof kind_pat, "\"kind\":\"%s\"", kind);
    snprintf(to_pat, sizeof to_pat, "\"to\":\"%s\"", to);
    char *found = NULL;
    const char *p = strchr(outbox, '{');
    while (p && *p == '{') {
        const char *end = json_skip(p);
        char *message = strndup(p, (size_t)(end - p));
        const char *data = strstr(message, "\"data\":");
        if (strstr(message, kind_pat) && strstr(message, to_pat) && data) {
            char *value = json_string(data, key);
            if (value) {
                free(found);
                found = value; /* keep the newest */
            }
        }
        free(message);
        p = strchr(end, '{');
    }
    lakse_string_free(outbox);
    if (!found) {
        fprintf(stderr, "no %s e-mail to %s with %s in the outbox\n", kind, to, key);
        exit(1);
    }
    return found;
}

/* ---- files ---------------------------------------------------------------- */

/* The base64 text of a fixture, as documents travel in args_json. */
static char *fixture_base64(const char *dir, const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    unsigned char *bytes = malloc(size > 0 ? (size_t)size : 1);
    if (fread(bytes, 1, (size_t)size, f) != (size_t)size) {
        perror(path);
        exit(1);
    }
    fclose(f);
    char *b64 = NULL;
    CHECK("base64", lakse_base64_encode(bytes, (size_t)size, &b64));
    free(bytes);
    return b64;
}

static void upload(buf *b, const char *fixtures, const char *slot, const char *file, int last) {
    char *b64 = fixture_base64(fixtures, file);
    buf_add(b, "{\"slot\":\"%s\",\"file_name\":\"%s\",\"bytes\":\"%s\"}%s", slot, file, b64,
            last ? "" : ",");
    lakse_string_free(b64);
}

/* A session token from a Session result. */
static char *login(lakse_handle h, const char *email, const char *password) {
    buf args = {0};
    buf_add(&args, "{\"email\":");
    buf_json(&args, email);
    buf_add(&args, ",\"password\":");
    buf_json(&args, password);
    buf_add(&args, "}");
    char *session = NULL;
    CHECK("login", lakse_login(h, args.data, &session));
    char *token = json_string(session, "token");
    lakse_string_free(session);
    free(args.data);
    return token;
}

int main(int argc, char **argv) {
    char dir[256];
    if (argc > 1) {
        snprintf(dir, sizeof dir, "%s", argv[1]);
    } else {
        snprintf(dir, sizeof dir, "/tmp/lakse-c-walkthrough-XXXXXX");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            return 1;
        }
    }
    const char *fixtures = argc > 2 ? argv[2] : "tests/fixtures";

    buf options = {0};
    buf_add(&options, "{\"data_dir\":");
    buf_json(&options, dir);
    buf_add(&options, "}");
    lakse_handle h = LAKSE_NULL_HANDLE;
    CHECK("open", lakse_open(options.data, &h));
    free(options.data);
    printf("Data folder: %s\n\n", dir);

    /* Oten Publik: register, confirm the link from the outbox, log in. */
    const char *email = "difaanandaputri1@gmail.com";
    CHECK("register", lakse_register(h, "{\"email\": \"difaanandaputri1@gmail.com\"}"));
    char *token = mail_value(h, "confirmation", email, "token");
    buf args = {0};
    buf_add(&args, "{\"token\":");
    buf_json(&args, token);
    buf_add(&args, ",\"password\":\"kata-sandi-baru-2024\"}");
    CHECK("confirm_with_password", lakse_confirm_with_password(h, args.data));
    free(args.data);
    free(token);
    printf("1. Pendaftaran dan konfirmasi: %s\n", email);

    char *me = login(h, email, "kata-sandi-baru-2024");
    char *account = NULL;
    args = (buf){0};
    buf_add(&args, "{\"session\":");
    buf_json(&args, me);
    buf_add(&args, "}");
    char *session_args = args.data; /* {"session": ...}, reused below */
    CHECK("whoami", lakse_whoami(h, session_args, &account));
    char *role = json_string(account, "role");
    printf("2. Login berhasil (%s)\n", role);
    free(role);
    lakse_string_free(account);

    /* Data Diri. */
    args = (buf){0};
    buf_add(&args, "{\"session\":");
    buf_json(&args, me);
    buf_add(&args,
            ",\"input\":{\"nama\":\"Difa Ananda Putri\",\"nik\":\"2171 0552 0990 0001\","
            "\"no_kk\":\"2171.0501.1015.0003\",\"whatsapp\":\"0812-7000-1234\","
            "\"hp\":\"0812 7000 1234\",\"sex\":\"Perempuan\",\"birth_place\":\"Batam\"}}");
    char *profile = NULL;
    CHECK("update_profile", lakse_update_profile(h, args.data, &profile));
    free(args.data);
    char *nik_masked = json_string(profile, "nik_masked");
    printf("3. Data Diri: NIK %s\n", nik_masked);
    free(nik_masked);
    lakse_string_free(profile);

    /* Permohonan: Cetak KTP/KK (KTP rusak) with the fixtures as documents. */
    args = (buf){0};
    buf_add(&args, "{\"session\":");
    buf_json(&args, me);
    buf_add(&args, ",\"application\":{\"service\":\"cetak_ktp_kk\",\"subtype\":\"ktp_rusak\","
                   "\"keterangan\":\"KTP rusak terkena air\",\"documents\":[");
    upload(&args, fixtures, "kk", "kk.png", 0);
    upload(&args, fixtures, "ktp_rusak", "ktp-rusak.jpg", 0);
    upload(&args, fixtures, "form_f1", "form.pdf", 0);
    upload(&args, fixtures, "form_f2", "form.pdf", 0);
    upload(&args, fixtures, "swafoto", "selfie.jpg", 1);
    buf_add(&args, "]}}");
    char *summary = NULL;
    CHECK("submit", lakse_submit(h, args.data, &summary));
    free(args.data);
    char *number = json_string(summary, "number");
    char *label = json_string(summary, "status_label");
    printf("4. Permohonan diajukan: %s (%s)\n", number, label);
    free(label);
    lakse_string_free(summary);

    /* The officer's side: the first admin creates an officer, who logs in with
     * the e-mailed one-time password and chooses a password. */
    CHECK("bootstrap_admin",
          lakse_bootstrap_admin(h,
                                "{\"email\":\"admin@disdukcapil.batam.go.id\","
                                "\"password\":\"admin-rahasia-2024\"}",
                                &account));
    lakse_string_free(account);
    char *admin = login(h, "admin@disdukcapil.batam.go.id", "admin-rahasia-2024");
    args = (buf){0};
    buf_add(&args, "{\"session\":");
    buf_json(&args, admin);
    buf_add(&args, ",\"email\":\"petugas@disdukcapil.batam.go.id\",\"role\":\"officer\"}");
    CHECK("create_staff", lakse_create_staff(h, args.data, &account));
    free(args.data);
    lakse_string_free(account);
    char *otp = mail_value(h, "credentials", "petugas@disdukcapil.batam.go.id", "password");
    char *first = login(h, "petugas@disdukcapil.batam.go.id", otp);
    args = (buf){0};
    buf_add(&args, "{\"session\":");
    buf_json(&args, first);
    buf_add(&args, ",\"old_password\":");
    buf_json(&args, otp);
    buf_add(&args, ",\"new_password\":\"petugas-rahasia-2024\"}");
    CHECK("change_password", lakse_change_password(h, args.data));
    free(args.data);
    free(first);
    free(otp);
    char *officer = login(h, "petugas@disdukcapil.batam.go.id", "petugas-rahasia-2024");

    /* Accept, then complete with a pickup date two days from the office's today. */
    args = (buf){0};
    buf_add(&args, "{\"session\":");
    buf_json(&args, officer);
    buf_add(&args, ",\"number\":");
    buf_json(&args, number);
    buf_add(&args, ",\"note\":\"berkas lengkap\"}");
    CHECK("accept", lakse_accept(h, args.data, &summary));
    free(args.data);
    lakse_string_free(summary);

    char *today_json = NULL;
    CHECK("today", lakse_today(h, &today_json));
    struct tm day = {0};
    if (sscanf(today_json, "\"%d-%d-%d\"", &day.tm_year, &day.tm_mon, &day.tm_mday) != 3) {
        fprintf(stderr, "unexpected today: %s\n", today_json);
        return 1;
    }
    lakse_string_free(today_json);
    day.tm_year -= 1900;
    day.tm_mon -= 1;
    day.tm_mday += 2;
    day.tm_hour = 12;
    mktime(&day); /* normalises the date */
    char pickup[16];
    strftime(pickup, sizeof pickup, "%Y-%m-%d", &day);

    args = (buf){0};
    buf_add(&args, "{\"session\":");
    buf_json(&args, officer);
    buf_add(&args, ",\"number\":");
    buf_json(&args, number);
    buf_add(&args, ",\"completion\":{\"pickup_date\":\"%s\",\"note\":\"sesuai jadwal pengambilan\"}}",
            pickup);
    CHECK("complete", lakse_complete(h, args.data, &summary));
    free(args.data);
    label = json_string(summary, "status_label");
    printf("5. Diterima dan selesai (%s): ambil pada %s\n", label, pickup);
    free(label);
    lakse_string_free(summary);

    /* Bukti Pengambilan Dokumen: the PDF as bytes, written to a file, and the
     * verification code checked offline with the office's public key. */
    args = (buf){0};
    buf_add(&args, "{\"session\":");
    buf_json(&args, me);
    buf_add(&args, ",\"number\":");
    buf_json(&args, number);
    buf_add(&args, "}");
    uint8_t *pdf = NULL;
    size_t pdf_len = 0;
    CHECK("coupon_pdf", lakse_coupon_pdf(h, args.data, &pdf, &pdf_len));
    char *coupon = NULL;
    CHECK("coupon", lakse_coupon(h, args.data, &coupon));
    free(args.data);
    char *file_name = json_string(coupon, "file_name");
    char *code = json_string(coupon, "code");
    lakse_string_free(coupon);

    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file_name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(pdf, 1, pdf_len, f) != pdf_len || fclose(f) != 0) {
        perror(path);
        return 1;
    }
    lakse_bytes_free(pdf, pdf_len);
    printf("6. Bukti Pengambilan Dokumen: %s (%zu bytes)\n", path, pdf_len);

    char *key_json = NULL;
    CHECK("office_public_key", lakse_office_public_key(h, &key_json));
    char *key = json_unquote(key_json);
    lakse_string_free(key_json);
    args = (buf){0};
    buf_add(&args, "{\"payload\":");
    buf_json(&args, code);
    buf_add(&args, ",\"public_key\":");
    buf_json(&args, key);
    buf_add(&args, "}");
    char *claims = NULL;
    CHECK("verify_coupon", lakse_verify_coupon(args.data, &claims));
    free(args.data);
    char *claimed = json_string(claims, "number");
    char *claimed_nik = json_string(claims, "nik_masked");
    printf("7. Kode verifikasi sah: %s / %s (kunci publik %s)\n", claimed, claimed_nik, key);
    if (strcmp(claimed, number) != 0) {
        fprintf(stderr, "the coupon names %s, not %s\n", claimed, number);
        return 1;
    }
    free(claimed);
    free(claimed_nik);
    lakse_string_free(claims);

    /* Pengajuanku. */
    args = (buf){0};
    buf_add(&args, "{\"session\":");
    buf_json(&args, me);
    buf_add(&args, ",\"page\":{}}");
    char *page = NULL;
    CHECK("my_applications", lakse_my_applications(h, args.data, &page));
    free(args.data);
    label = json_string(page, "status_label");
    printf("8. Pengajuanku: %s %s\n", number, label);
    free(label);
    lakse_string_free(page);

    free(key);
    free(code);
    free(file_name);
    free(number);
    free(officer);
    free(admin);
    free(session_args);
    free(me);
    CHECK("close", lakse_close(h));
    CHECK("free", lakse_free_handle(h));
    printf("\nSelesai.\n");
    return 0;
}
