/* crc: CRC-32 (IEEE 802.3, reflected, table driven) and CRC-16/CCITT-FALSE
 * (bit by bit) over a pseudo-random buffer that is perturbed every round. */
#include "lib.h"

#define CRC_BUF 8192
#define CRC16_SPAN 512

static uint32_t crc_table[256];
static uint8_t crc_buf[CRC_BUF];

static void crc_make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
        crc_table[i] = c;
    }
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint16_t crc16_update(uint16_t crc, const uint8_t *p, size_t n)
{
    while (n--) {
        crc ^= (uint16_t)(*p++ << 8);
        for (int k = 0; k < 8; k++)
            crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    }
    return crc;
}

static int crc_selftest(void)
{
    static const uint8_t check[] = "123456789";
    crc_make_table();
    int bad = 0;
    bad |= crc32_update(0, check, 9) != 0xCBF43926u;
    bad |= crc16_update(0xFFFF, check, 9) != 0x29B1;
    return bad;
}

static uint64_t crc_run(uint32_t reps)
{
    bm_rng r;
    bm_rng_seed(&r, 0xC12C32);
    crc_make_table();
    for (int i = 0; i < CRC_BUF; i += 4) {
        uint32_t v = bm_rng_u32(&r);
        memcpy(&crc_buf[i], &v, 4);
    }
    uint64_t sum = 0;
    uint32_t c32 = 0;
    uint16_t c16 = 0xFFFF;
    for (uint32_t i = 0; i < reps; i++) {
        c32 = crc32_update(c32, crc_buf, CRC_BUF);
        size_t off = (c32 >> 4) % (CRC_BUF - CRC16_SPAN);
        c16 = crc16_update(c16, crc_buf + off, CRC16_SPAN);
        /* perturb the buffer so that no two rounds see the same data */
        crc_buf[c32 % CRC_BUF] ^= (uint8_t)(c16 | 1);
        crc_buf[c16 % CRC_BUF] += (uint8_t)i;
        sum = bm_mix(sum, ((uint64_t)c32 << 16) | c16);
    }
    return sum;
}

#define CRC_REPS 2300
const bm_kernel crc_kernel = { "crc", crc_selftest, crc_run, CRC_REPS };

#ifndef BENCH_MIX
int main(void) { return bm_main(&crc_kernel); }
#endif
