/* nbody: a gravitational n-body simulation in double precision. 20 bodies
 * with pseudo-random masses, positions and velocities; each step computes all
 * pairwise forces (with a small softening term: one sqrt and one division per
 * pair), then moves the bodies (semi-implicit Euler). Every 64 steps the
 * total energy is computed and its bit pattern folded into the checksum,
 * together with the final positions and velocities. */
#include "lib.h"

#define NB_N 20

typedef struct {
    double x, y, z;
    double vx, vy, vz;
    double m;
} nb_body;

static nb_body nb_bodies[NB_N];

static void nb_step(nb_body *b, int n, double dt, double soft2)
{
    for (int i = 0; i < n; i++) {
        double ax = 0.0, ay = 0.0, az = 0.0;
        for (int j = 0; j < n; j++) {
            if (j == i)
                continue;
            double dx = b[j].x - b[i].x;
            double dy = b[j].y - b[i].y;
            double dz = b[j].z - b[i].z;
            double d2 = dx * dx + dy * dy + dz * dz + soft2;
            double inv = b[j].m / (d2 * bm_sqrt(d2));
            ax += dx * inv;
            ay += dy * inv;
            az += dz * inv;
        }
        b[i].vx += ax * dt;
        b[i].vy += ay * dt;
        b[i].vz += az * dt;
    }
    for (int i = 0; i < n; i++) {
        b[i].x += b[i].vx * dt;
        b[i].y += b[i].vy * dt;
        b[i].z += b[i].vz * dt;
    }
}

static double nb_energy(const nb_body *b, int n, double soft2)
{
    double e = 0.0;
    for (int i = 0; i < n; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < n; j++) {
            double dx = b[j].x - b[i].x;
            double dy = b[j].y - b[i].y;
            double dz = b[j].z - b[i].z;
            e -= b[i].m * b[j].m / bm_sqrt(dx * dx + dy * dy + dz * dz + soft2);
        }
    }
    return e;
}

static int nbody_selftest(void)
{
    /* Two unit masses at x = -1 and x = +1, at rest, no softening, dt = 0.5:
     * distance 2, acceleration 1/4 towards each other, so after one step
     * v = +-1/8 and x = -1 + 1/16, 1 - 1/16; the energy before is -1/2.
     * All of these are exact in binary floating point. */
    nb_body b[2] = {
        { -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0 },
        { 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0 },
    };
    if (nb_energy(b, 2, 0.0) != -0.5)
        return 1;
    nb_step(b, 2, 0.5, 0.0);
    if (b[0].vx != 0.125 || b[1].vx != -0.125 || b[0].x != -0.9375 || b[1].x != 0.9375)
        return 1;
    if (b[0].y != 0.0 || b[1].vz != 0.0)
        return 1;
    /* after the step: kinetic 2 * 1/2 * 1/64, potential -1/1.875 */
    double e = nb_energy(b, 2, 0.0) - (1.0 / 64.0 - 1.0 / 1.875);
    if (e > 1e-15 || e < -1e-15)
        return 1;
    return 0;
}

static uint64_t nbody_run(uint32_t steps)
{
    bm_rng r;
    bm_rng_seed(&r, 0x0b0d1e5);
    for (int i = 0; i < NB_N; i++) {
        nb_body *b = &nb_bodies[i];
        b->x = BM_RNG_DOUBLE(&r) * 20.0 - 10.0;
        b->y = BM_RNG_DOUBLE(&r) * 20.0 - 10.0;
        b->z = BM_RNG_DOUBLE(&r) * 2.0 - 1.0;
        b->vx = BM_RNG_DOUBLE(&r) - 0.5;
        b->vy = BM_RNG_DOUBLE(&r) - 0.5;
        b->vz = (BM_RNG_DOUBLE(&r) - 0.5) * 0.1;
        b->m = 0.5 + BM_RNG_DOUBLE(&r) * 4.0;
    }
    const double dt = 1.0 / 512.0, soft2 = 0.01;
    uint64_t sum = bm_dbits(nb_energy(nb_bodies, NB_N, soft2));
    for (uint32_t s = 0; s < steps; s++) {
        nb_step(nb_bodies, NB_N, dt, soft2);
        if ((s & 63) == 63)
            sum = bm_mix(sum, bm_dbits(nb_energy(nb_bodies, NB_N, soft2)));
    }
    for (int i = 0; i < NB_N; i++) {
        const nb_body *b = &nb_bodies[i];
        sum = bm_mix(sum, bm_dbits(b->x) ^ (bm_dbits(b->y) << 1) ^ (bm_dbits(b->z) << 2));
        sum = bm_mix(sum, bm_dbits(b->vx) ^ (bm_dbits(b->vy) << 1) ^ (bm_dbits(b->vz) << 2));
    }
    return sum;
}

#define NBODY_REPS 30000
const bm_kernel nbody_kernel = { "nbody", nbody_selftest, nbody_run, NBODY_REPS };

int main(void) { return bm_main(&nbody_kernel); }
