/* integrate: numeric integration in double precision with composite
 * Simpson's rule (fixed step) over three smooth functions that use only
 * + - * / and sqrt, plus adaptive Simpson (recursive, error-controlled) on a
 * fourth. The interval changes every round, and the bit patterns of the four
 * integrals go into the checksum. */
#include "lib.h"

typedef double (*ig_fn)(double);

/* 4 / (1 + x^2): integrates to 4 atan(x), pi on [0, 1] */
static double ig_f1(double x) { return 4.0 / (1.0 + x * x); }
/* sqrt(1 + x^2) */
static double ig_f2(double x) { return bm_sqrt(1.0 + x * x); }
/* a rational function: (x^3 - 2x + 1) / (x^2 + x + 2) */
static double ig_f3(double x) { return ((x * x - 2.0) * x + 1.0) / ((x + 1.0) * x + 2.0); }
/* sharply peaked: 1 / ((x - 0.3)^2 + 0.001) + 1 / sqrt(x + 0.01) */
static double ig_f4(double x)
{
    double d = x - 0.3;
    return 1.0 / (d * d + 0.001) + 1.0 / bm_sqrt(x + 0.01);
}

static NOINLINE double ig_simpson(ig_fn f, double a, double b, int n)
{
    /* n even */
    double h = (b - a) / n;
    double s = f(a) + f(b);
    double odd = 0.0, even = 0.0;
    for (int i = 1; i < n; i += 2)
        odd += f(a + i * h);
    for (int i = 2; i < n; i += 2)
        even += f(a + i * h);
    return (s + 4.0 * odd + 2.0 * even) * h / 3.0;
}

static double ig_adapt(ig_fn f, double a, double b, double fa, double fm, double fb, double whole, double eps, int depth)
{
    double m = 0.5 * (a + b);
    double lm = 0.5 * (a + m), rm = 0.5 * (m + b);
    double flm = f(lm), frm = f(rm);
    double left = (m - a) / 6.0 * (fa + 4.0 * flm + fm);
    double right = (b - m) / 6.0 * (fm + 4.0 * frm + fb);
    double diff = left + right - whole;
    if (depth <= 0 || (diff <= 15.0 * eps && diff >= -15.0 * eps))
        return left + right + diff / 15.0;
    return ig_adapt(f, a, m, fa, flm, fm, left, 0.5 * eps, depth - 1) +
           ig_adapt(f, m, b, fm, frm, fb, right, 0.5 * eps, depth - 1);
}

static double ig_adaptive(ig_fn f, double a, double b, double eps)
{
    double fa = f(a), fb = f(b), fm = f(0.5 * (a + b));
    double whole = (b - a) / 6.0 * (fa + 4.0 * fm + fb);
    return ig_adapt(f, a, b, fa, fm, fb, whole, eps, 40);
}

static double ig_cubic(double x) { return x * x * x + x; }

static int integrate_selftest(void)
{
    /* Simpson's rule is exact for cubics: the integral of x^3 + x over
     * [0, 2] is 4 + 2 = 6, and with n = 2 every step is exact. */
    if (ig_simpson(ig_cubic, 0.0, 2.0, 2) != 6.0)
        return 1;
    if (ig_simpson(ig_cubic, 0.0, 2.0, 8) != 6.0)
        return 1;
    /* pi to better than 1e-12 with 1000 intervals */
    double pi = ig_simpson(ig_f1, 0.0, 1.0, 1000);
    double err = pi - 3.14159265358979323846;
    if (err > 1e-12 || err < -1e-12)
        return 1;
    double pi2 = ig_adaptive(ig_f1, 0.0, 1.0, 1e-10);
    err = pi2 - 3.14159265358979323846;
    if (err > 1e-9 || err < -1e-9)
        return 1;
    return 0;
}

static uint64_t integrate_run(uint32_t reps)
{
    uint64_t sum = 0;
    for (uint32_t rep = 0; rep < reps; rep++) {
        double b = 1.0 + (double)(int32_t)(rep & 255) * (1.0 / 256.0);
        double a = -(double)(int32_t)(rep % 7) * 0.125;
        sum = bm_mix(sum, bm_dbits(ig_simpson(ig_f1, a, b, 2000)));
        sum = bm_mix(sum, bm_dbits(ig_simpson(ig_f2, a, b, 2000)));
        sum = bm_mix(sum, bm_dbits(ig_simpson(ig_f3, a, b, 2000)));
        sum = bm_mix(sum, bm_dbits(ig_adaptive(ig_f4, 0.0, b, 1e-9)));
    }
    return sum;
}

#define INTEGRATE_REPS 800
const bm_kernel integrate_kernel = { "integrate", integrate_selftest, integrate_run, INTEGRATE_REPS };

int main(void) { return bm_main(&integrate_kernel); }
