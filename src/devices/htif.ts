// Berkeley HTIF, the host interface of riscv-tests and Spike: the guest writes a command to
// the 64-bit `tohost` word (found through the ELF's `tohost` symbol) and the host answers in
// `fromhost`. Command layout: device (bits 63:56), command (55:48), payload (47:0).
//   device 0, command 0, payload odd:  exit with code payload >> 1 (riscv-tests' pass = 1)
//   device 0, command 0, payload even: pointer to a syscall block (magic_mem):
//                                      [which, a0, a1, a2, ...]; only write (64) is served
//   device 1, command 1:               console putchar (payload & 0xff)
export interface HtifMemory {
  readU64(pa: bigint): bigint;
  writeU64(pa: bigint, v: bigint): void;
  readBytes(pa: bigint, len: number): Uint8Array;
}

export type HtifResult = { exit: number } | null;

const SYS_WRITE = 64n;

export class Htif {
  constructor(
    private readonly mem: HtifMemory,
    private readonly tohost: bigint,
    private readonly fromhost: bigint,
    private readonly output: (bytes: Uint8Array) => void,
  ) {}

  // Called after the guest stored to tohost. Returns { exit } when the guest asked to exit.
  handle(): HtifResult {
    const cmd = this.mem.readU64(this.tohost);
    if (cmd === 0n) return null;
    this.mem.writeU64(this.tohost, 0n);
    const device = cmd >> 56n;
    const command = (cmd >> 48n) & 0xffn;
    const payload = cmd & 0xffff_ffff_ffffn;
    if (device === 0n && command === 0n) {
      if (payload & 1n) return { exit: Number((payload >> 1n) & 0xffff_ffffn) };
      this.syscall(payload);
      if (this.fromhost) this.mem.writeU64(this.fromhost, 1n);
      return null;
    }
    if (device === 1n && command === 1n) {
      this.output(Uint8Array.of(Number(payload & 0xffn)));
      if (this.fromhost) this.mem.writeU64(this.fromhost, (1n << 56n) | (1n << 48n));
    }
    return null;
  }

  private syscall(block: bigint): void {
    const which = this.mem.readU64(block);
    let ret = -38n; // -ENOSYS
    if (which === SYS_WRITE) {
      const fd = this.mem.readU64(block + 8n);
      const buf = this.mem.readU64(block + 16n);
      const len = Number(this.mem.readU64(block + 24n) & 0xfff_ffffn);
      if (fd === 1n || fd === 2n) {
        this.output(this.mem.readBytes(buf, len));
        ret = BigInt(len);
      } else ret = -9n; // -EBADF
    }
    this.mem.writeU64(block, BigInt.asUintN(64, ret));
  }
}
