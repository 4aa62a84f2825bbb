/* sort: quicksort (median of three, insertion sort for short runs, explicit
 * stack) and heapsort of the same pseudo-random array, both verified. */
#include "lib.h"

#define SORT_N 4096

static uint32_t sort_src[SORT_N];
static uint32_t sort_q[SORT_N];
static uint32_t sort_h[SORT_N];

static void sort_insertion(uint32_t *a, long lo, long hi)
{
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static inline void sort_swap(uint32_t *a, long i, long j)
{
    uint32_t t = a[i];
    a[i] = a[j];
    a[j] = t;
}

static void sort_quick(uint32_t *a, long n)
{
    long stack[128];
    int sp = 0;
    stack[sp++] = 0;
    stack[sp++] = n - 1;
    while (sp) {
        long hi = stack[--sp];
        long lo = stack[--sp];
        while (hi - lo > 16) {
            long mid = lo + (hi - lo) / 2;
            if (a[mid] < a[lo]) sort_swap(a, mid, lo);
            if (a[hi] < a[lo]) sort_swap(a, hi, lo);
            if (a[hi] < a[mid]) sort_swap(a, hi, mid);
            uint32_t pivot = a[mid];
            long i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    sort_swap(a, i, j);
                    i++;
                    j--;
                }
            }
            /* push the larger side, loop on the smaller: the stack stays O(log n) */
            if (j - lo > hi - i) {
                stack[sp++] = lo; stack[sp++] = j;
                lo = i;
            } else {
                stack[sp++] = i; stack[sp++] = hi;
                hi = j;
            }
        }
        sort_insertion(a, lo, hi);
    }
}

static void sort_sift(uint32_t *a, long root, long end)
{
    uint32_t v = a[root];
    for (;;) {
        long c = 2 * root + 1;
        if (c > end)
            break;
        if (c < end && a[c] < a[c + 1])
            c++;
        if (a[c] <= v)
            break;
        a[root] = a[c];
        root = c;
    }
    a[root] = v;
}

static void sort_heap(uint32_t *a, long n)
{
    for (long i = n / 2 - 1; i >= 0; i--)
        sort_sift(a, i, n - 1);
    for (long end = n - 1; end > 0; end--) {
        sort_swap(a, 0, end);
        sort_sift(a, 0, end - 1);
    }
}

static int sort_check(const uint32_t *a, long n)
{
    for (long i = 1; i < n; i++)
        if (a[i - 1] > a[i])
            return 1;
    return 0;
}

static int sort_selftest(void)
{
    static const uint32_t in[12] = { 5, 3, 9, 1, 5, 0, 12, 7, 3, 3, 11, 2 };
    static const uint32_t out[12] = { 0, 1, 2, 3, 3, 3, 5, 5, 7, 9, 11, 12 };
    uint32_t a[12];
    memcpy(a, in, sizeof a);
    sort_quick(a, 12);
    if (memcmp(a, out, sizeof a))
        return 1;
    memcpy(a, in, sizeof a);
    sort_heap(a, 12);
    return memcmp(a, out, sizeof a) != 0;
}

static uint64_t sort_run(uint32_t reps)
{
    bm_rng r;
    bm_rng_seed(&r, 0x5027);
    for (int i = 0; i < SORT_N; i++)
        sort_src[i] = bm_rng_u32(&r);
    uint64_t sum = 0;
    for (uint32_t rep = 0; rep < reps; rep++) {
        /* some rounds use a narrow value range: many duplicates */
        uint32_t mask = (rep % 4 == 3) ? 0x3ff : 0xffffffffu;
        for (int i = 0; i < SORT_N; i++)
            sort_q[i] = sort_h[i] = sort_src[i] & mask;
        sort_quick(sort_q, SORT_N);
        sort_heap(sort_h, SORT_N);
        if (sort_check(sort_q, SORT_N) || memcmp(sort_q, sort_h, sizeof sort_q))
            return 0xBAD5027;
        sum = bm_mix(sum, sort_q[rep % SORT_N] ^ ((uint64_t)sort_q[SORT_N / 2] << 32));
        /* replace a few inputs for the next round */
        for (int k = 0; k < 16; k++)
            sort_src[bm_rng_u32(&r) % SORT_N] = bm_rng_u32(&r) ^ (uint32_t)sum;
    }
    return sum;
}

#define SORT_REPS 220
const bm_kernel sort_kernel = { "sort", sort_selftest, sort_run, SORT_REPS };

#ifndef BENCH_MIX
int main(void) { return bm_main(&sort_kernel); }
#endif
