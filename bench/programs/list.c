/* list: a singly linked list whose nodes are scattered over a pool in random
 * order, so every step is a dependent pointer load. Each round walks it,
 * searches it, reverses it, merge-sorts it (by key, then by value) and
 * moves a few nodes around. */
#include "lib.h"

#define LIST_NODES 4096
#define LIST_FINDS 8

typedef struct list_node {
    struct list_node *next;
    uint32_t key;
    uint32_t val;
} list_node;

static list_node list_pool[LIST_NODES];
static uint32_t list_perm[LIST_NODES];

static list_node *list_reverse(list_node *h)
{
    list_node *prev = 0;
    while (h) {
        list_node *n = h->next;
        h->next = prev;
        prev = h;
        h = n;
    }
    return prev;
}

static int list_cmp(const list_node *a, const list_node *b, int by_val)
{
    uint32_t x = by_val ? a->val : a->key;
    uint32_t y = by_val ? b->val : b->key;
    return x < y ? -1 : x > y;
}

/* Bottom-up merge sort (stable), no recursion. */
static list_node *list_sort(list_node *h, int by_val)
{
    if (!h)
        return h;
    for (size_t width = 1;; width *= 2) {
        list_node *p = h, *tail = 0;
        h = 0;
        size_t merges = 0;
        while (p) {
            merges++;
            list_node *q = p;
            size_t psize = 0;
            for (size_t i = 0; i < width && q; i++) {
                psize++;
                q = q->next;
            }
            size_t qsize = width;
            while (psize || (qsize && q)) {
                list_node *e;
                if (!psize) {
                    e = q; q = q->next; qsize--;
                } else if (!qsize || !q) {
                    e = p; p = p->next; psize--;
                } else if (list_cmp(p, q, by_val) <= 0) {
                    e = p; p = p->next; psize--;
                } else {
                    e = q; q = q->next; qsize--;
                }
                if (tail)
                    tail->next = e;
                else
                    h = e;
                tail = e;
            }
            p = q;
        }
        if (tail)
            tail->next = 0;
        if (merges <= 1)
            return h;
    }
}

static list_node *list_find(list_node *h, uint32_t key)
{
    while (h && h->key != key)
        h = h->next;
    return h;
}

static uint64_t list_walk(const list_node *h, uint32_t *count)
{
    uint64_t s = 0;
    uint32_t n = 0, prev = 0;
    for (; h; h = h->next, n++) {
        s = s * 33 + (h->key ^ h->val);
        s += h->key < prev;  /* count descents */
        prev = h->key;
    }
    *count = n;
    return s;
}

static list_node *list_build(bm_rng *r)
{
    for (uint32_t i = 0; i < LIST_NODES; i++)
        list_perm[i] = i;
    for (uint32_t i = LIST_NODES - 1; i > 0; i--) {
        uint32_t j = bm_rng_u32(r) % (i + 1);
        uint32_t t = list_perm[i];
        list_perm[i] = list_perm[j];
        list_perm[j] = t;
    }
    list_node *h = 0;
    for (uint32_t i = 0; i < LIST_NODES; i++) {
        list_node *n = &list_pool[list_perm[i]];
        n->key = bm_rng_u32(r) & 0xffff;
        n->val = bm_rng_u32(r);
        n->next = h;
        h = n;
    }
    return h;
}

static int list_selftest(void)
{
    bm_rng r;
    bm_rng_seed(&r, 7);
    list_node *h = list_build(&r);
    h = list_sort(h, 0);
    uint32_t n = 0, prev = 0;
    for (list_node *p = h; p; p = p->next, n++) {
        if (p->key < prev)
            return 1;
        prev = p->key;
    }
    if (n != LIST_NODES)
        return 1;
    h = list_reverse(h);
    if (h->key != prev)
        return 1;
    return 0;
}

static uint64_t list_run(uint32_t reps)
{
    bm_rng r;
    bm_rng_seed(&r, 0x1157);
    list_node *h = list_build(&r);
    uint64_t sum = 0;
    for (uint32_t rep = 0; rep < reps; rep++) {
        uint32_t count;
        sum = bm_mix(sum, list_walk(h, &count));
        for (int f = 0; f < LIST_FINDS; f++) {
            list_node *n = list_find(h, (uint32_t)(sum >> (f * 4)) & 0xffff);
            sum = bm_mix(sum, n ? n->val : count);
        }
        h = list_reverse(h);
        h = list_sort(h, rep & 1);
        sum = bm_mix(sum, h->key ^ h->val);
        /* move the first few nodes to the back with fresh keys */
        list_node *tail = h;
        while (tail->next)
            tail = tail->next;
        for (int m = 0; m < 4; m++) {
            list_node *n = h;
            h = h->next;
            n->next = 0;
            n->key = (n->key * 2654435761u + rep) & 0xffff;
            n->val ^= (uint32_t)sum;
            tail->next = n;
            tail = n;
        }
    }
    return sum;
}

#define LIST_REPS 320
const bm_kernel list_kernel = { "list", list_selftest, list_run, LIST_REPS };

#ifndef BENCH_MIX
int main(void) { return bm_main(&list_kernel); }
#endif
