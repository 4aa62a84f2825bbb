/* matmul: 16-bit integer matrices multiplied into 32-bit accumulators
 * (C = A x B), then a scaled C is fed back as the next A, so every round
 * depends on the one before. */
#include "lib.h"

#define MM_N 40

static int16_t mm_a[MM_N][MM_N];
static int16_t mm_b[MM_N][MM_N];
static int32_t mm_c[MM_N][MM_N];

static void mm_multiply(int16_t a[MM_N][MM_N], int16_t b[MM_N][MM_N], int32_t c[MM_N][MM_N])
{
    for (int i = 0; i < MM_N; i++)
        for (int j = 0; j < MM_N; j++) {
            int32_t s = 0;
            for (int k = 0; k < MM_N; k++)
                s += (int32_t)a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

static int matmul_selftest(void)
{
    /* A = B = I + J(ones) scaled: (I + J)^2 = I + (n+2) J */
    for (int i = 0; i < MM_N; i++)
        for (int j = 0; j < MM_N; j++) {
            mm_a[i][j] = (int16_t)(1 + (i == j));
            mm_b[i][j] = (int16_t)(1 + (i == j));
        }
    mm_multiply(mm_a, mm_b, mm_c);
    for (int i = 0; i < MM_N; i++)
        for (int j = 0; j < MM_N; j++)
            if (mm_c[i][j] != (MM_N + 2) + (i == j))
                return 1;
    return 0;
}

static uint64_t matmul_run(uint32_t reps)
{
    bm_rng r;
    bm_rng_seed(&r, 0x3A73);
    for (int i = 0; i < MM_N; i++)
        for (int j = 0; j < MM_N; j++) {
            mm_a[i][j] = (int16_t)((int32_t)(bm_rng_u32(&r) & 0x1ff) - 256);
            mm_b[i][j] = (int16_t)((int32_t)(bm_rng_u32(&r) & 0x1ff) - 256);
        }
    uint64_t sum = 0;
    for (uint32_t rep = 0; rep < reps; rep++) {
        mm_multiply(mm_a, mm_b, mm_c);
        uint32_t row = 0;
        for (int i = 0; i < MM_N; i++)
            for (int j = 0; j < MM_N; j++) {
                int32_t v = mm_c[i][j];
                row = row * 31 + (uint32_t)v;
                /* keep |a| <= 256 so the accumulators cannot overflow */
                mm_a[i][j] = (int16_t)(((v >> 6) ^ (int32_t)rep) % 257);
            }
        mm_b[rep % MM_N][(rep / MM_N) % MM_N] ^= (int16_t)(row & 0xff);
        sum = bm_mix(sum, row);
    }
    return sum;
}

#define MATMUL_REPS 640
const bm_kernel matmul_kernel = { "matmul", matmul_selftest, matmul_run, MATMUL_REPS };

#ifndef BENCH_MIX
int main(void) { return bm_main(&matmul_kernel); }
#endif
