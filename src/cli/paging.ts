// The hypervisor's real memory from the command line: --real-mem caps the frames all guests
// hold together, --swap names the pager's backing store (default: a temporary file, unlinked
// at once, so it vanishes with the process).
import { FileBackingStore } from '../node/file-backing-store';
import { createMachineOrGuest, Hypervisor, type HypervisorOptions } from '../hypervisor/hypervisor';
import { Machine, type MachineConfig } from '../machine/machine';
import { compileCoreForCli, cliJitTiers } from '../node/wasm';
import { cliJitTier, cliJitThread, type RunOptions } from './args';

export function pagingOptions(opts: RunOptions, realMem = opts.realMem): HypervisorOptions {
  const store = FileBackingStore.open(opts.swap);
  process.once('exit', () => store.close());
  return { realMem, backingStore: store, balloonPressure: opts.balloonPressure, maxBooting: opts.maxBooting };
}

// The machine the command line asks for: bare, or a trap-mode guest, which is a one-guest
// hypervisor (paged RAM, the hypervisor's scheduler), run through `hv.run`.
export async function createMachineFor(opts: RunOptions, cfg: MachineConfig): Promise<{ m: Machine; hv: Hypervisor | null }> {
  const tier = cliJitTier();
  const { machine, hv } = await createMachineOrGuest(await compileCoreForCli(), cfg, cfg.mode === 'trap' ? pagingOptions(opts) : undefined);
  cliJitTiers(machine.core.jit, tier, cliJitThread(opts.jitThread) ? await compileCoreForCli() : undefined);
  return { m: machine, hv };
}
