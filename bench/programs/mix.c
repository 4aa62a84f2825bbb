/* mix: every kernel in one program, each at about a sixth of its standalone
 * size, timed as one unit (a CoreMark-like blend). */
#define BENCH_MIX 1
#include "crc.c"
#include "list.c"
#include "matmul.c"
#include "sha256.c"
#include "sort.c"
#include "state.c"

static const bm_kernel *const mix_kernels[] = {
    &crc_kernel, &list_kernel, &matmul_kernel, &sha256_kernel, &sort_kernel, &state_kernel,
};
#define MIX_COUNT (sizeof mix_kernels / sizeof mix_kernels[0])

static uint64_t mix_run(uint32_t divisor)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < MIX_COUNT; i++) {
        const bm_kernel *k = mix_kernels[i];
        uint32_t reps = (k->reps + divisor - 1) / divisor;
        sum = bm_mix(sum, k->run(reps));
    }
    return sum;
}

static int mix_selftest(void)
{
    for (size_t i = 0; i < MIX_COUNT; i++)
        if (mix_kernels[i]->selftest() != 0) {
            bm_puts("FAIL mix: self-test of ");
            bm_puts(mix_kernels[i]->name);
            bm_putc('\n');
            return 1;
        }
    return 0;
}

static const bm_kernel mix_kernel = { "mix", mix_selftest, mix_run, MIX_COUNT };

int main(void) { return bm_main(&mix_kernel); }
