/*
 * A bare-metal virtio-blk driver in the style of xv6-riscv's kernel/virtio_disk.c (the 2022
 * version, for QEMU's modern virtio-mmio transport): it writes feature word 0 only, so it
 * never accepts VIRTIO_F_VERSION_1, and expects FEATURES_OK to stick anyway, as it does on
 * QEMU. It then moves sectors the way xv6 does (three-descriptor requests in an 8-entry
 * queue, completion through the PLIC) and prints everything a device decides on the UART, so
 * that test/xv6-virtio.test.ts can compare the console and the disk image after a run on
 * rvisor and on QEMU. Written for this project from the virtio 1.x specification and the
 * behaviour xv6 relies on; see README.md.
 *
 * Exit status (virt test finisher): 0 when every self-check passed, else the number of failed
 * checks (the console says which); 100/101 when no disk was found or set up, 102 on a trap.
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;

#define UART0 0x10000000UL
#define UART_LSR 5
#define UART_LSR_THRE 0x20

#define PLIC 0x0c000000UL
#define PLIC_PRIORITY(src) (PLIC + 4 * (src))
#define PLIC_ENABLE_M0 (PLIC + 0x2000)     /* hart 0, M-mode context */
#define PLIC_THRESHOLD_M0 (PLIC + 0x200000)
#define PLIC_CLAIM_M0 (PLIC + 0x200004)
#define MIP_MEIP (1UL << 11)

#define VIRTIO_BASE 0x10001000UL
#define VIRTIO_STRIDE 0x1000UL
#define VIRTIO_SLOTS 8

/* virtio-mmio registers (virtio 1.x, 4.2.2) */
#define MMIO_MAGIC_VALUE 0x000
#define MMIO_VERSION 0x004
#define MMIO_DEVICE_ID 0x008
#define MMIO_VENDOR_ID 0x00c
#define MMIO_DEVICE_FEATURES 0x010
#define MMIO_DRIVER_FEATURES 0x020
#define MMIO_QUEUE_SEL 0x030
#define MMIO_QUEUE_NUM_MAX 0x034
#define MMIO_QUEUE_NUM 0x038
#define MMIO_QUEUE_READY 0x044
#define MMIO_QUEUE_NOTIFY 0x050
#define MMIO_INTERRUPT_STATUS 0x060
#define MMIO_INTERRUPT_ACK 0x064
#define MMIO_STATUS 0x070
#define MMIO_QUEUE_DESC_LOW 0x080
#define MMIO_QUEUE_DESC_HIGH 0x084
#define MMIO_DRIVER_DESC_LOW 0x090
#define MMIO_DRIVER_DESC_HIGH 0x094
#define MMIO_DEVICE_DESC_LOW 0x0a0
#define MMIO_DEVICE_DESC_HIGH 0x0a4
#define MMIO_CONFIG 0x100

#define S_ACKNOWLEDGE 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8

/* The feature bits xv6 clears before writing word 0 back. */
#define BLK_F_RO 5
#define BLK_F_SCSI 7
#define BLK_F_CONFIG_WCE 11
#define BLK_F_MQ 12
#define F_ANY_LAYOUT 27
#define RING_F_INDIRECT_DESC 28
#define RING_F_EVENT_IDX 29

#define NUM 8 /* descriptors, as xv6 */
#define DESC_F_NEXT 1
#define DESC_F_WRITE 2

#define BLK_T_IN 0
#define BLK_T_OUT 1
#define BLK_T_FLUSH 4

struct virtq_desc { u64 addr; u32 len; u16 flags; u16 next; };
struct virtq_avail { u16 flags; u16 idx; u16 ring[NUM]; u16 unused; };
struct virtq_used_elem { u32 id; u32 len; };
struct virtq_used { u16 flags; u16 idx; struct virtq_used_elem ring[NUM]; };
struct blk_req { u32 type; u32 reserved; u64 sector; };

extern u8 queue_pages[]; /* three pages, from link.ld */

static volatile u32 *reg(u64 base, u32 off) { return (volatile u32 *)(base + off); }
#define fence() __sync_synchronize()

/* ---- console ---- */

static void putc(char c) {
  volatile u8 *uart = (volatile u8 *)UART0;
  while (!(uart[UART_LSR] & UART_LSR_THRE)) {}
  uart[0] = c;
}
static void puts(const char *s) { while (*s) putc(*s++); }
static void puthex(u64 v, int digits) {
  puts("0x");
  for (int i = digits - 1; i >= 0; i--) putc("0123456789abcdef"[(v >> (4 * i)) & 15]);
}
static void putdec(u64 v) {
  char buf[24];
  int n = 0;
  do { buf[n++] = '0' + v % 10; v /= 10; } while (v);
  while (n) putc(buf[--n]);
}

static int failures;
static void check(int ok, const char *what) {
  if (ok) return;
  failures++;
  puts("FAIL ");
  puts(what);
  putc('\n');
}

static void zero(void *p, u64 n) { for (u8 *b = p; n--; ) *b++ = 0; }

/* FNV-1a, to print a buffer's contents in one word */
static u32 fnv(const u8 *p, u64 n) {
  u32 h = 2166136261u;
  while (n--) { h ^= *p++; h *= 16777619u; }
  return h;
}

/* ---- the disk, as xv6 keeps it ---- */

static struct {
  u64 base;
  struct virtq_desc *desc;
  struct virtq_avail *avail;
  struct virtq_used *used;
  u16 used_idx;
  struct blk_req ops[NUM];
  volatile u8 status[NUM];
  int irq; /* PLIC source */
} disk;

static u8 buf[2][1024];

static void probe(void) {
  for (int i = 0; i < VIRTIO_SLOTS; i++) {
    u64 base = VIRTIO_BASE + i * VIRTIO_STRIDE;
    u32 magic = *reg(base, MMIO_MAGIC_VALUE), version = *reg(base, MMIO_VERSION);
    u32 id = *reg(base, MMIO_DEVICE_ID), vendor = *reg(base, MMIO_VENDOR_ID);
    puts("slot "); putdec(i); puts(": magic "); puthex(magic, 8); puts(" version "); putdec(version);
    puts(" device "); putdec(id); puts(" vendor "); puthex(vendor, 8); putc('\n');
    if (!disk.base && magic == 0x74726976 && version == 2 && id == 2 && vendor == 0x554d4551) {
      disk.base = base;
      disk.irq = 1 + i;
    }
  }
}

/* virtio_disk_init, step by step as xv6 does it */
static int init(void) {
  u64 b = disk.base;
  u32 status = 0;
  *reg(b, MMIO_STATUS) = status; /* reset */
  status |= S_ACKNOWLEDGE;
  *reg(b, MMIO_STATUS) = status;
  status |= S_DRIVER;
  *reg(b, MMIO_STATUS) = status;

  /* Feature word 0 only: DeviceFeaturesSel and DriverFeaturesSel are never written. */
  u32 features = *reg(b, MMIO_DEVICE_FEATURES);
  features &= ~(1u << BLK_F_RO);
  features &= ~(1u << BLK_F_SCSI);
  features &= ~(1u << BLK_F_CONFIG_WCE);
  features &= ~(1u << BLK_F_MQ);
  features &= ~(1u << F_ANY_LAYOUT);
  features &= ~(1u << RING_F_EVENT_IDX);
  features &= ~(1u << RING_F_INDIRECT_DESC);
  *reg(b, MMIO_DRIVER_FEATURES) = features;
  puts("features: word 0 written, VERSION_1 not accepted\n");

  status |= S_FEATURES_OK;
  *reg(b, MMIO_STATUS) = status;
  status = *reg(b, MMIO_STATUS);
  puts("status after FEATURES_OK: "); puthex(status, 2); putc('\n');
  if (!(status & S_FEATURES_OK)) {
    puts("panic: virtio disk FEATURES_OK unset\n");
    return 0;
  }

  *reg(b, MMIO_QUEUE_SEL) = 0;
  check(*reg(b, MMIO_QUEUE_READY) == 0, "virtio disk should not be ready");
  u32 max = *reg(b, MMIO_QUEUE_NUM_MAX);
  puts("queue 0: max "); puts(max >= NUM ? ">= 8" : "< 8"); putc('\n');
  if (max < NUM) return 0;

  disk.desc = (struct virtq_desc *)queue_pages;
  disk.avail = (struct virtq_avail *)(queue_pages + 0x1000);
  disk.used = (struct virtq_used *)(queue_pages + 0x2000);
  zero(queue_pages, 0x3000);
  *reg(b, MMIO_QUEUE_NUM) = NUM;
  *reg(b, MMIO_QUEUE_DESC_LOW) = (u64)disk.desc;
  *reg(b, MMIO_QUEUE_DESC_HIGH) = (u64)disk.desc >> 32;
  *reg(b, MMIO_DRIVER_DESC_LOW) = (u64)disk.avail;
  *reg(b, MMIO_DRIVER_DESC_HIGH) = (u64)disk.avail >> 32;
  *reg(b, MMIO_DEVICE_DESC_LOW) = (u64)disk.used;
  *reg(b, MMIO_DEVICE_DESC_HIGH) = (u64)disk.used >> 32;
  *reg(b, MMIO_QUEUE_READY) = 1;

  status |= S_DRIVER_OK;
  *reg(b, MMIO_STATUS) = status;
  puts("status after DRIVER_OK: "); puthex(*reg(b, MMIO_STATUS), 2); putc('\n');

  /* The disk's interrupt, to hart 0's M-mode context (xv6 uses its S-mode context). */
  *(volatile u32 *)PLIC_PRIORITY(disk.irq) = 1;
  *(volatile u32 *)PLIC_ENABLE_M0 = 1u << disk.irq;
  *(volatile u32 *)PLIC_THRESHOLD_M0 = 0;
  return 1;
}

/* Waits for the disk's interrupt (mip.MEIP, polled with interrupts off), claims it,
 * acknowledges the device as xv6's virtio_disk_intr does, completes it; returns the claim. */
static u32 wait_irq(u32 *isr) {
  for (u64 spin = 0;; spin++) {
    u64 mip;
    __asm__ volatile("csrr %0, mip" : "=r"(mip));
    if (mip & MIP_MEIP) break;
    if (spin == 2000000000UL) { *isr = 0; return 0; }
  }
  u32 claim = *(volatile u32 *)PLIC_CLAIM_M0;
  *isr = *reg(disk.base, MMIO_INTERRUPT_STATUS);
  *reg(disk.base, MMIO_INTERRUPT_ACK) = *isr & 0x3;
  *(volatile u32 *)PLIC_CLAIM_M0 = claim;
  return claim;
}

/* Puts one request in descriptors 3k, 3k+1, 3k+2 (header, data, status) and makes it
 * available; no notification. */
static int post(int k, u32 type, u64 sector, u8 *data, u32 len, int device_writes) {
  int d0 = 3 * k % NUM, d1 = (d0 + 1) % NUM, d2 = (d0 + 2) % NUM;
  struct blk_req *r = &disk.ops[d0];
  r->type = type;
  r->reserved = 0;
  r->sector = sector;
  disk.desc[d0] = (struct virtq_desc){ (u64)r, sizeof *r, DESC_F_NEXT, (u16)d1 };
  if (len) {
    disk.desc[d1] = (struct virtq_desc){ (u64)data, len, (u16)((device_writes ? DESC_F_WRITE : 0) | DESC_F_NEXT), (u16)d2 };
  } else {
    d2 = d1; /* no data: header and status only */
  }
  disk.desc[d0].next = (u16)(len ? d1 : d2);
  disk.status[d0] = 0xff;
  disk.desc[d2] = (struct virtq_desc){ (u64)&disk.status[d0], 1, DESC_F_WRITE, 0 };
  disk.avail->ring[disk.avail->idx % NUM] = (u16)d0;
  fence();
  disk.avail->idx += 1;
  fence();
  return d0;
}

static void notify(void) { *reg(disk.base, MMIO_QUEUE_NOTIFY) = 0; }

/* Takes the next used element; prints its head, length and the request's status. */
static void reap(const char *what, int head) {
  fence();
  if (disk.used_idx == disk.used->idx) { check(0, "no used element"); return; }
  struct virtq_used_elem e = disk.used->ring[disk.used_idx % NUM];
  disk.used_idx++;
  puts(what); puts(": status "); putdec(disk.status[e.id]); puts(" len "); putdec(e.len); putc('\n');
  if (head >= 0) check((int)e.id == head, "used id is the request's head");
}

/* One request at a time, as xv6's virtio_disk_rw: post, notify, interrupt, used ring. */
static void rw(const char *what, u32 type, u64 sector, u8 *data, u32 len, int device_writes) {
  int head = post(0, type, sector, data, len, device_writes);
  notify();
  u32 isr, claim = wait_irq(&isr);
  puts(what); puts(": irq claim "); putdec(claim); puts(" isr "); putdec(isr); putc('\n');
  check(claim == (u32)disk.irq && (isr & 1), "the disk interrupted");
  reap(what, head);
}

static void show(const char *what, const u8 *p, u32 len) {
  puts(what); puts(": fnv "); puthex(fnv(p, len), 8); puts(" bytes");
  for (int i = 0; i < 8; i++) { putc(' '); puthex(p[i], 2); }
  putc('\n');
}

void trap_report(u64 cause, u64 epc, u64 tval) {
  puts("panic: trap mcause "); puthex(cause, 16); puts(" mepc "); puthex(epc, 16); puts(" mtval "); puthex(tval, 16); putc('\n');
}

int main(void) {
  puts("xv6-virtio: start\n");
  probe();
  if (!disk.base) {
    puts("panic: could not find virtio disk\n");
    return 100;
  }
  puts("disk at "); puthex(disk.base, 8); puts(", irq "); putdec(disk.irq); putc('\n');
  if (!init()) return 101;

  u64 capacity = *reg(disk.base, MMIO_CONFIG) | (u64)*reg(disk.base, MMIO_CONFIG + 4) << 32;
  puts("capacity: "); putdec(capacity); puts(" sectors\n");
  check(capacity >= 8, "a disk of at least 8 sectors");

  /* xv6's block 0 (sectors 0-1). */
  rw("read block 0", BLK_T_IN, 0, buf[0], 1024, 1);
  show("block 0", buf[0], 1024);

  /* Write block 1 (sectors 2-3), read it back. */
  for (int i = 0; i < 1024; i++) buf[1][i] = (u8)(i * 7 + 3);
  rw("write block 1", BLK_T_OUT, 2, buf[1], 1024, 0);
  zero(buf[0], 1024);
  rw("read block 1", BLK_T_IN, 2, buf[0], 1024, 1);
  show("block 1", buf[0], 1024);
  int same = 1;
  for (int i = 0; i < 1024; i++) same &= buf[0][i] == buf[1][i];
  check(same, "block 1 reads back as written");

  /* The last sector alone; then a block that runs off the end (an I/O error, no transfer). */
  for (int i = 0; i < 512; i++) buf[1][i] = (u8)(0xa5 ^ i);
  rw("write last sector", BLK_T_OUT, capacity - 1, buf[1], 512, 0);
  rw("read past the end", BLK_T_IN, capacity - 1, buf[0], 1024, 1);
  rw("flush", BLK_T_FLUSH, 0, 0, 0, 0);
  rw("unknown request", 0x55, 0, buf[0], 512, 1);

  /* Two requests in flight at once, one notification; reported by head, in order of head. */
  zero(buf, sizeof buf);
  int h0 = post(0, BLK_T_IN, 2, buf[0], 1024, 1);
  int h1 = post(1, BLK_T_IN, capacity - 2, buf[1], 1024, 1);
  notify();
  int seen = 0;
  for (u64 spin = 0; seen < 2 && spin < 2000000000UL; spin++) {
    fence();
    if (disk.used_idx != disk.used->idx) {
      struct virtq_used_elem e = disk.used->ring[disk.used_idx % NUM];
      disk.used_idx++;
      seen++;
      check((int)e.id == h0 || (int)e.id == h1, "used id is one of the two heads");
    }
  }
  u32 isr;
  wait_irq(&isr);
  puts("two at once: "); putdec(seen); puts(" used, status "); putdec(disk.status[h0]); puts(" and "); putdec(disk.status[h1]); putc('\n');
  show("block 1 again", buf[0], 1024);
  show("last block", buf[1], 1024);

  /* Reset: the device forgets the queue. */
  *reg(disk.base, MMIO_STATUS) = 0;
  puts("after reset: status "); putdec(*reg(disk.base, MMIO_STATUS));
  *reg(disk.base, MMIO_QUEUE_SEL) = 0;
  puts(" queue ready "); putdec(*reg(disk.base, MMIO_QUEUE_READY)); putc('\n');

  puts(failures ? "xv6-virtio: FAIL\n" : "xv6-virtio: PASS\n");
  return failures;
}
