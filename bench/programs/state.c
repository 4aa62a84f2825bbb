/* state: a character-at-a-time lexer written as an explicit state machine
 * (identifiers, decimal/hex/fractional numbers, strings with escapes, one-
 * and two-character operators, comments, invalid input) run over generated
 * source text that is mutated a little every round. */
#include "lib.h"

#define ST_TEXT 8192

enum st_state {
    S_START, S_IDENT, S_ZERO, S_DEC, S_HEX_X, S_HEX, S_FRAC_DOT, S_FRAC,
    S_STRING, S_STRING_ESC, S_OP2, S_SLASH, S_COMMENT, S_ERROR,
};

enum st_token {
    T_IDENT, T_INT, T_HEX, T_FRAC, T_STRING, T_OP, T_OP2, T_COMMENT, T_ERROR, T_NTYPES,
};

enum st_class {
    C_SPACE, C_ALPHA, C_X, C_HEXALPHA, C_ZERO, C_DIGIT, C_DOT, C_QUOTE, C_BACKSLASH,
    C_NEWLINE, C_OP, C_OP2, C_SLASH, C_HASH, C_OTHER,
};

typedef struct {
    uint32_t count[T_NTYPES];
    uint64_t hash;
    uint32_t lines;
} st_result;

static uint8_t st_class_of[256];
static char st_text[ST_TEXT + 1];

static void st_init_classes(void)
{
    for (int c = 0; c < 256; c++) {
        uint8_t k = C_OTHER;
        if (c == ' ' || c == '\t' || c == '\r') k = C_SPACE;
        else if (c == '\n') k = C_NEWLINE;
        else if (c == 'x' || c == 'X') k = C_X;
        else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) k = C_HEXALPHA;
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') k = C_ALPHA;
        else if (c == '0') k = C_ZERO;
        else if (c >= '1' && c <= '9') k = C_DIGIT;
        else if (c == '.') k = C_DOT;
        else if (c == '"') k = C_QUOTE;
        else if (c == '\\') k = C_BACKSLASH;
        else if (c == '=' || c == '<' || c == '>' || c == '!') k = C_OP2;
        else if (c == '+' || c == '-' || c == '*' || c == '(' || c == ')' || c == '{' ||
                 c == '}' || c == ';' || c == ',') k = C_OP;
        else if (c == '/') k = C_SLASH;
        else if (c == '#') k = C_HASH;
        st_class_of[c] = k;
    }
}

static inline int st_is_digit(int k) { return k == C_ZERO || k == C_DIGIT; }
static inline int st_is_ident(int k) { return k == C_ALPHA || k == C_X || k == C_HEXALPHA || st_is_digit(k); }

static inline uint32_t st_hexval(int c)
{
    return c <= '9' ? (uint32_t)(c - '0') : (uint32_t)((c | 0x20) - 'a' + 10);
}

/* Lexes text[0..n) (the byte at text[n] must be 0, which ends any token). */
static void st_lex(const char *text, size_t n, st_result *res)
{
    enum st_state s = S_START;
    uint64_t v = 0;
    uint64_t h = res->hash;
    size_t i = 0;
    while (i <= n) {
        int c = (uint8_t)text[i];
        int k = st_class_of[c];
        switch (s) {
        case S_START:
            if (i == n) { i++; break; }
            v = 0;
            switch (k) {
            case C_SPACE: break;
            case C_NEWLINE: res->lines++; break;
            case C_ALPHA: case C_X: case C_HEXALPHA: v = (uint64_t)c; s = S_IDENT; break;
            case C_ZERO: s = S_ZERO; break;
            case C_DIGIT: v = (uint64_t)(c - '0'); s = S_DEC; break;
            case C_QUOTE: s = S_STRING; break;
            case C_OP: res->count[T_OP]++; h = h * 31 + (uint64_t)c; break;
            case C_OP2: v = (uint64_t)c; s = S_OP2; break;
            case C_SLASH: s = S_SLASH; break;
            case C_HASH: s = S_COMMENT; break;
            default: s = S_ERROR; break;
            }
            i++;
            break;
        case S_IDENT:
            if (st_is_ident(k)) { v = v * 131 + (uint64_t)c; i++; }
            else { res->count[T_IDENT]++; h ^= v; h *= 0x100000001B3ULL; s = S_START; }
            break;
        case S_ZERO:
            if (k == C_X) { s = S_HEX_X; i++; }
            else if (st_is_digit(k)) { v = (uint64_t)(c - '0'); s = S_DEC; i++; }
            else if (k == C_DOT) { s = S_FRAC_DOT; i++; }
            else { res->count[T_INT]++; h = h * 31; s = S_START; }
            break;
        case S_DEC:
            if (st_is_digit(k)) { v = v * 10 + (uint64_t)(c - '0'); i++; }
            else if (k == C_DOT) { s = S_FRAC_DOT; i++; }
            else if (k == C_ALPHA || k == C_X || k == C_HEXALPHA) { s = S_ERROR; }
            else { res->count[T_INT]++; h = h * 31 + v; s = S_START; }
            break;
        case S_HEX_X:
            if (st_is_digit(k) || k == C_HEXALPHA) { v = st_hexval(c); s = S_HEX; i++; }
            else s = S_ERROR;
            break;
        case S_HEX:
            if (st_is_digit(k) || k == C_HEXALPHA) { v = (v << 4) | st_hexval(c); i++; }
            else if (k == C_ALPHA || k == C_X) s = S_ERROR;
            else { res->count[T_HEX]++; h = h * 37 + v; s = S_START; }
            break;
        case S_FRAC_DOT:
            if (st_is_digit(k)) { v = v * 10 + (uint64_t)(c - '0'); s = S_FRAC; i++; }
            else s = S_ERROR;
            break;
        case S_FRAC:
            if (st_is_digit(k)) { v = v * 10 + (uint64_t)(c - '0'); i++; }
            else if (k == C_ALPHA || k == C_X || k == C_HEXALPHA || k == C_DOT) s = S_ERROR;
            else { res->count[T_FRAC]++; h = h * 41 + v; s = S_START; }
            break;
        case S_STRING:
            if (i == n || k == C_NEWLINE) { s = S_ERROR; break; } /* unterminated */
            if (k == C_QUOTE) { res->count[T_STRING]++; h = h * 43 + v; s = S_START; }
            else if (k == C_BACKSLASH) s = S_STRING_ESC;
            else v = v * 7 + (uint64_t)c;
            i++;
            break;
        case S_STRING_ESC:
            if (i == n) { s = S_ERROR; break; }
            v = v * 11 + (c == 'n' ? '\n' : c == 't' ? '\t' : (uint64_t)c);
            s = S_STRING;
            i++;
            break;
        case S_OP2:
            if (c == '=') { res->count[T_OP2]++; h = h * 47 + v; i++; }
            else { res->count[T_OP]++; h = h * 31 + v; }
            s = S_START;
            break;
        case S_SLASH:
            if (c == '/') { s = S_COMMENT; i++; }
            else { res->count[T_OP]++; h = h * 31 + '/'; s = S_START; }
            break;
        case S_COMMENT:
            if (i == n || k == C_NEWLINE) { res->count[T_COMMENT]++; s = S_START; }
            else i++;
            break;
        case S_ERROR:
            /* skip to the next separator */
            if (i == n || k == C_SPACE || k == C_NEWLINE || k == C_OP) {
                res->count[T_ERROR]++;
                h = h * 53 + i;
                s = S_START;
            } else {
                i++;
            }
            break;
        }
    }
    res->hash = h;
}

static size_t st_put(char *p, size_t room, const char *s)
{
    size_t n = 0;
    while (s[n] && n < room) {
        p[n] = s[n];
        n++;
    }
    return n;
}

/* Generates plausible source text: mostly valid tokens, some junk. */
static void st_generate(bm_rng *r, char *t, size_t len)
{
    static const char *const words[] = { "let", "x", "fn", "return", "while", "buffer", "_tmp",
                                         "count", "Alpha", "beta2", "exit", "deadbeef" };
    static const char *const ops[] = { "+", "-", "*", "/", "(", ")", "{", "}", ";", ",",
                                       "=", "==", "<", "<=", ">", ">=", "!", "!=" };
    size_t i = 0;
    while (i < len) {
        uint32_t x = bm_rng_u32(r);
        char tmp[32];
        size_t n = 0;
        switch (x % 16) {
        case 0: case 1: case 2:
            i += st_put(t + i, len - i, words[(x >> 8) % 12]);
            break;
        case 3: case 4: {
            uint32_t v = x >> 12;
            do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v && n < 10);
            for (size_t a = 0; a < n / 2; a++) { char c = tmp[a]; tmp[a] = tmp[n - 1 - a]; tmp[n - 1 - a] = c; }
            tmp[n] = 0;
            i += st_put(t + i, len - i, tmp);
            break;
        }
        case 5: {
            tmp[n++] = '0'; tmp[n++] = (x & 0x100) ? 'x' : 'X';
            uint32_t v = bm_rng_u32(r);
            for (int d = 0; d < (int)(1 + (x >> 9) % 8); d++)
                tmp[n++] = "0123456789abcdefABCDEF"[(v >> (d * 4)) % 22];
            tmp[n] = 0;
            i += st_put(t + i, len - i, tmp);
            break;
        }
        case 6:
            i += st_put(t + i, len - i, (x & 0x100) ? "3.14159" : "0.5");
            break;
        case 7:
            i += st_put(t + i, len - i, (x & 0x100) ? "\"hello, world\\n\"" : "\"a \\\"q\\\" b\"");
            break;
        case 8: case 9: case 10:
            i += st_put(t + i, len - i, ops[(x >> 8) % 18]);
            break;
        case 11:
            i += st_put(t + i, len - i, (x & 0x100) ? "# comment line" : "// another one");
            /* a comment always ends the line */
            /* fall through */
        case 12:
            i += st_put(t + i, len - i, "\n");
            break;
        case 13:
            i += st_put(t + i, len - i, (x & 0x100) ? "@$" : "12ab");
            break;
        default:
            break;
        }
        if (i < len)
            t[i++] = (x & 0x10000) ? ' ' : '\t';
    }
    t[len] = 0;
}

static int st_selftest(void)
{
    static const char src[] = "let x1 = 0x1F + 42 * 3.5; # note\n"
                              "if (a <= b) \"s\\\"q\" != 0 // c\n"
                              "9zz @ 0x .";
    st_result res;
    memset(&res, 0, sizeof res);
    st_init_classes();
    st_lex(src, sizeof src - 1, &res);
    /* idents: let x1 if a b; ints: 42 0; hex: 0x1F; frac: 3.5; string: 1;
     * ops: + * ; ( ) =; op2: <= !=; comments: 2; errors: 9zz @ 0x . */
    static const uint32_t want[T_NTYPES] = { 5, 2, 1, 1, 1, 6, 2, 2, 4 };
    for (int t = 0; t < T_NTYPES; t++)
        if (res.count[t] != want[t])
            return 1;
    return res.lines != 2;
}

static uint64_t st_run(uint32_t reps)
{
    bm_rng r;
    bm_rng_seed(&r, 0x57A7E);
    st_init_classes();
    st_generate(&r, st_text, ST_TEXT);
    static const char junk[] = " \n\"\\0x1.a#/=";
    st_result res;
    memset(&res, 0, sizeof res);
    uint64_t sum = 0;
    for (uint32_t rep = 0; rep < reps; rep++) {
        st_lex(st_text, ST_TEXT, &res);
        uint64_t c = 0;
        for (int t = 0; t < T_NTYPES; t++)
            c = c * 0x10001 + res.count[t];
        sum = bm_mix(sum, c ^ res.hash ^ res.lines);
        for (int m = 0; m < 8; m++) {
            uint32_t x = bm_rng_u32(&r);
            st_text[x % ST_TEXT] = junk[(x >> 20) % (sizeof junk - 1)];
        }
    }
    return sum;
}

#define STATE_REPS 2200
const bm_kernel state_kernel = { "state", st_selftest, st_run, STATE_REPS };

#ifndef BENCH_MIX
int main(void) { return bm_main(&state_kernel); }
#endif
