// rvisor's browser entry: the same machine, with the core fetched over HTTP instead of read
// from disk. `createMachine({ wasmUrl, ... })` resolves core.wasm next to this bundle by default.
import { Machine, type MachineConfig } from './machine/machine';

export { Machine, UserError } from './machine/machine';
export { parseElf, ElfError } from './loader/elf';
export { Hypervisor } from './hypervisor/hypervisor';
import { createMachineOrGuest, type HypervisorOptions } from './hypervisor/hypervisor';
export { readSnapshotInfo, SnapshotError, SNAPSHOT_VERSION, type SnapshotInfo } from './machine/snapshot';
export { MemoryBlockBackend, OverlayBlockBackend, type BlockBackend } from './devices/block-backend';
export { GdbStub } from './debug/gdb-stub'; // a debugger over any byte stream (a WebSocket in a page)
export { MachineTarget, type DebugTarget } from './debug/target';

// Bare, or (mode 'trap') a one-guest hypervisor's guest, as in the Node library.
export async function createMachine(cfg: MachineConfig & { wasmUrl?: string | URL; hypervisor?: HypervisorOptions }): Promise<Machine> {
  const { wasmUrl, hypervisor, ...machine } = cfg;
  const url = wasmUrl ?? new URL('./core.wasm', import.meta.url);
  const module = await WebAssembly.compileStreaming(fetch(url));
  return (await createMachineOrGuest(module, machine, hypervisor)).machine;
}
