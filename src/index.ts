// rvisor's library API for Node.js: create a machine, load a program, run it.
//   import { createMachine } from 'rvisor';
//   const m = await createMachine({ memSize: 128 << 20, console: (b) => process.stdout.write(b) });
//   m.loadElf(readFileSync('prog.elf'), 'prog.elf'); m.reset();
//   const { exitCode, stats } = await m.run({ timeoutMs: 10_000 });
import { Machine, type MachineConfig } from './machine/machine';
import { createMachineOrGuest, type HypervisorOptions } from './hypervisor/hypervisor';
import { loadCoreWasm } from './node/wasm';
import './node/zlib-codec'; // snapshots through Node's zlib: the same format, faster

export { Machine, UserError, type MachineConfig, type RunResult, type RunStats, type ExitReason } from './machine/machine';
export { ElfError, parseElf } from './loader/elf';
export { buildVirtDeviceTree } from './loader/devicetree';
export * as abi from '../assembly/abi';
export { Hypervisor, type GuestConfig, type GuestOutcome, type HypervisorOptions } from './hypervisor/hypervisor';
export { readSnapshotInfo, decodeSnapshot, SnapshotError, SNAPSHOT_VERSION, type SnapshotInfo, type SnapshotMachine, type SnapshotDevice } from './machine/snapshot';
export { MemoryBlockBackend, OverlayBlockBackend, type BlockBackend } from './devices/block-backend';
export type { VirtioSpec } from './machine/machine';
// Disk image files for virtio-blk ({ kind: 'blk', backend }): opening one locks it as the CLI
// does (one writer or many readers, across processes); close() releases it.
export { FileBlockBackend, type FileBlockOptions } from './node/file-block-backend';
export { ImageLockError } from './node/image-lock';
export { GdbStub } from './debug/gdb-stub'; // a debugger over any byte stream (a WebSocket in a page)
export { MachineTarget, type DebugTarget } from './debug/target';
export type { MemoryStats } from './machine/guest-ram';
export { FileBackingStore } from './node/file-backing-store';
export { jitThread } from './node/jit-thread'; // m.core.jit.thread = jitThread(module): translate and compile off the machine's thread
export { MemoryBackingStore, type BackingStore } from './hypervisor/backing-store';

// A bare machine, or (mode 'trap') a one-guest hypervisor's guest: its RAM is paged like every
// guest's (frames on first touch; `hypervisor` options set a real-memory cap and backing store).
export async function createMachine(cfg: MachineConfig & { hypervisor?: HypervisorOptions }): Promise<Machine> {
  const { hypervisor, ...machine } = cfg;
  return (await createMachineOrGuest(loadCoreWasm(), machine, hypervisor)).machine;
}
