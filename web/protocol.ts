// Messages between the page (main.ts) and a guest's worker (worker.ts).
export type ToWorker =
  | { type: 'boot'; kernel: ArrayBuffer; kernelName: string; initrd?: ArrayBuffer; mode: 'bare' | 'trap'; memSize: number; append?: string; net?: boolean }
  | { type: 'restore'; bytes: ArrayBuffer }
  | { type: 'input'; bytes: ArrayBuffer }
  | { type: 'snapshot' }
  | { type: 'stop' };

/** One second of a guest's figures. */
export interface Figures {
  t: number; // seconds since the epoch
  mips: number;
  exits: Record<string, number>; // per second, by cause
  shadowFills: number; // per second
  tlbHitRate: number; // 0..1 over the second
  instret: number;
  mode: 'bare' | 'trap';
}

export type FromWorker =
  | { type: 'console'; bytes: Uint8Array }
  | { type: 'figures'; figures: Figures }
  | { type: 'started'; mode: 'bare' | 'trap'; memSize: number; restored?: boolean }
  | { type: 'snapshot'; bytes: Uint8Array; ms: number }
  | { type: 'status'; text: string }
  | { type: 'done'; reason: string; exitCode: number; detail?: string }
  | { type: 'error'; message: string };
