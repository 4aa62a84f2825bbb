// The hypervisor's real memory from the command line: --real-mem caps the frames all guests
// hold together, --swap names the pager's backing store (default: a temporary file, unlinked
// at once, so it vanishes with the process).
import { FileBackingStore } from '../node/file-backing-store';
import type { HypervisorOptions } from '../hypervisor/hypervisor';
import type { RunOptions } from './args';

export function pagingOptions(opts: RunOptions, realMem = opts.realMem): HypervisorOptions {
  const store = FileBackingStore.open(opts.swap);
  process.once('exit', () => store.close());
  return { realMem, backingStore: store, balloonPressure: opts.balloonPressure };
}
