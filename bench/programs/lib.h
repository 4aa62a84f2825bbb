/* Tiny freestanding runtime for the rvisor bench programs. */
#ifndef BENCH_LIB_H
#define BENCH_LIB_H

#include <stdint.h>
#include <stddef.h>

#define NOINLINE __attribute__((noinline))
#define NORETURN __attribute__((noreturn))

/* QEMU virt map */
#define UART0_THR ((volatile uint8_t *)0x10000000UL)
#define TEST_DEV  ((volatile uint32_t *)0x00100000UL)

void bm_putc(char c);
void bm_puts(const char *s);
void bm_put_dec(uint64_t v);
void bm_put_hex(uint64_t v, int digits); /* digits = 0: no leading zeros */
NORETURN void bm_exit(int code);
NORETURN void bm_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval);

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);

static inline uint64_t bm_rdtime(void)
{
    uint64_t x;
    __asm__ volatile("rdtime %0" : "=r"(x) : : "memory");
    return x;
}

static inline uint64_t bm_rdinstret(void)
{
    uint64_t x;
    __asm__ volatile("rdinstret %0" : "=r"(x) : : "memory");
    return x;
}

#ifdef __riscv_flen
/* FP helpers (FP builds only). The square roots are the hardware instructions
 * (no libm, no errno). The bit patterns feed the checksums, so an emulator
 * must agree with QEMU bit for bit. */
static inline double bm_sqrt(double x)
{
    double r;
    __asm__("fsqrt.d %0, %1" : "=f"(r) : "f"(x));
    return r;
}
static inline float bm_sqrtf(float x)
{
    float r;
    __asm__("fsqrt.s %0, %1" : "=f"(r) : "f"(x));
    return r;
}
static inline uint64_t bm_dbits(double x)
{
    union { double d; uint64_t u; } v = { .d = x };
    return v.u;
}
static inline uint32_t bm_fbits(float x)
{
    union { float f; uint32_t u; } v = { .f = x };
    return v.u;
}
/* A double in [0, 1) from the PRNG (53 random bits). */
#define BM_RNG_DOUBLE(r) ((double)(bm_rng_next(r) >> 11) * (1.0 / 9007199254740992.0))
#endif

/* Deterministic PRNG (xorshift64*), the only source of "random" input data. */
typedef struct { uint64_t s; } bm_rng;
static inline void bm_rng_seed(bm_rng *r, uint64_t seed) { r->s = seed ? seed : 0x9E3779B97F4A7C15ULL; }
static inline uint64_t bm_rng_next(bm_rng *r)
{
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return x * 0x2545F4914F6CDD1DULL;
}
static inline uint32_t bm_rng_u32(bm_rng *r) { return (uint32_t)(bm_rng_next(r) >> 32); }

/* Mixes a value into a running 64-bit checksum. */
static inline uint64_t bm_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h;
}

/* A benchmark kernel: selftest() returns 0 when the known-answer tests pass;
 * run(reps) is the timed part and returns the checksum. */
typedef struct {
    const char *name;
    int (*selftest)(void);
    uint64_t (*run)(uint32_t reps);
    uint32_t reps;
} bm_kernel;

/* Prints "BENCH name=<name> ticks=<n> instret=<n> checksum=<hex>". */
void bm_report(const char *name, uint64_t ticks, uint64_t instret, uint64_t checksum);

/* Runs the self-test, then the timed kernel, reports it; returns the exit code. */
int bm_main(const bm_kernel *k);

#endif
