// What every memory-mapped device implements. A device sees only offsets inside its own
// window and accesses of 1, 2 or 4 bytes (the bus splits 8-byte accesses in two); it never
// knows its base address or anything about the core.
export interface MmioDevice {
  readonly name: string;
  read(offset: number, size: number): number;
  write(offset: number, size: number, value: number): void;
  saveState?(): unknown;
  loadState?(state: unknown): void;
}

// An interrupt line into an interrupt controller (level-triggered).
export type IrqLine = (level: boolean) => void;
