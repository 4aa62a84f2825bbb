/* Tiny freestanding runtime for the rvisor bench programs. */
#include "lib.h"

void bm_putc(char c)
{
    *UART0_THR = (uint8_t)c;
}

void bm_puts(const char *s)
{
    while (*s)
        bm_putc(*s++);
}

void bm_put_dec(uint64_t v)
{
    char buf[24];
    int i = 0;
    do {
        buf[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i)
        bm_putc(buf[--i]);
}

void bm_put_hex(uint64_t v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    int started = 0;
    for (int i = 15; i >= 0; i--) {
        unsigned d = (unsigned)(v >> (i * 4)) & 15;
        if (d || started || i < digits || i == 0) {
            bm_putc(hex[d]);
            started = 1;
        }
    }
}

void bm_exit(int code)
{
    *TEST_DEV = code == 0 ? 0x5555u : (((uint32_t)code << 16) | 0x3333u);
    for (;;)
        __asm__ volatile("wfi");
}

void bm_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval)
{
    bm_puts("TRAP mcause=0x");
    bm_put_hex(mcause, 0);
    bm_puts(" mepc=0x");
    bm_put_hex(mepc, 0);
    bm_puts(" mtval=0x");
    bm_put_hex(mtval, 0);
    bm_putc('\n');
    bm_exit(3);
}

void *memset(void *d, int c, size_t n)
{
    uint8_t *p = d;
    while (n--)
        *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *p = d;
    const uint8_t *q = s;
    if ((((uintptr_t)p | (uintptr_t)q | n) & 7) == 0) {
        uint64_t *p8 = d;
        const uint64_t *q8 = s;
        for (n /= 8; n; n--)
            *p8++ = *q8++;
        return d;
    }
    while (n--)
        *p++ = *q++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    uint8_t *p = d;
    const uint8_t *q = s;
    if (p < q)
        return memcpy(d, s, n);
    while (n--)
        p[n] = q[n];
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}

void bm_report(const char *name, uint64_t ticks, uint64_t instret, uint64_t checksum)
{
    bm_puts("BENCH name=");
    bm_puts(name);
    bm_puts(" ticks=");
    bm_put_dec(ticks);
    bm_puts(" instret=");
    bm_put_dec(instret);
    bm_puts(" checksum=");
    bm_put_hex(checksum, 16);
    bm_putc('\n');
}

int bm_main(const bm_kernel *k)
{
    if (k->selftest && k->selftest() != 0) {
        bm_puts("FAIL ");
        bm_puts(k->name);
        bm_puts(": self-test\n");
        return 1;
    }
    uint64_t t0 = bm_rdtime();
    uint64_t i0 = bm_rdinstret();
    uint64_t sum = k->run(k->reps);
    uint64_t i1 = bm_rdinstret();
    uint64_t t1 = bm_rdtime();
    bm_report(k->name, t1 - t0, i1 - i0, sum);
    return 0;
}
