// rvisor's library API for Node.js: create a machine, load a program, run it.
//   import { createMachine } from 'rvisor';
//   const m = await createMachine({ memSize: 128 << 20, console: (b) => process.stdout.write(b) });
//   m.loadElf(readFileSync('prog.elf'), 'prog.elf'); m.reset();
//   const { exitCode, stats } = await m.run({ timeoutMs: 10_000 });
import { Machine, type MachineConfig } from './machine/machine';
import { loadCoreWasm } from './node/wasm';
import './node/zlib-codec'; // snapshots through Node's zlib: the same format, faster

export { Machine, UserError, type MachineConfig, type RunResult, type RunStats, type ExitReason } from './machine/machine';
export { ElfError, parseElf } from './loader/elf';
export { buildVirtDeviceTree } from './loader/devicetree';
export * as abi from '../assembly/abi';
export { Hypervisor, type GuestConfig, type GuestOutcome } from './hypervisor/hypervisor';
export { readSnapshotInfo, decodeSnapshot, SnapshotError, SNAPSHOT_VERSION, type SnapshotInfo, type SnapshotMachine, type SnapshotDevice } from './machine/snapshot';
export { MemoryBlockBackend, OverlayBlockBackend, type BlockBackend } from './devices/block-backend';
export type { VirtioSpec } from './machine/machine';
export { GdbStub } from './debug/gdb-stub'; // a debugger over any byte stream (a WebSocket in a page)
export { MachineTarget, type DebugTarget } from './debug/target';

export function createMachine(cfg: MachineConfig): Promise<Machine> {
  return Machine.create(loadCoreWasm(), cfg);
}
