// `rvisor run --restore FILE`: a machine built as the snapshot describes it (memory, harts, mode,
// devices), its disks from --drive or the files the snapshot names, then the saved state put
// back. And the files behind the monitor's savevm / loadvm.
import { readFileSync } from 'node:fs';
import { Machine, UserError, type MachineConfig, type VirtioSpec } from '../machine/machine';
import { decodeSnapshot, readSnapshotInfo, SnapshotError, type DecodedSnapshot, type SnapshotInfo } from '../machine/snapshot';
import '../node/zlib-codec';
import { FileBlockBackend } from '../node/file-block-backend';
import { OverlayBlockBackend, MemoryBlockBackend } from '../devices/block-backend';
import { NetSwitch, NetTestPeer } from '../devices/net-switch';
import { createMachineFor } from './paging';
import { compileCoreForCli } from '../node/wasm';
import type { Hypervisor } from '../hypervisor/hypervisor';
import { OutputFile } from '../node/output-file';
import type { RunOptions } from './args';

export function readSnapshotFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`snapshot ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** A machine ready to run from the snapshot in `path`, with the disks it needs opened. */
export async function machineFromSnapshot(opts: RunOptions, base: Pick<MachineConfig, 'console' | 'warn'>): Promise<{ m: Machine; hv: Hypervisor | null; disks: FileBlockBackend[] }> {
  void compileCoreForCli(); // V8 compiles the core in the background while the file is inflated
  const bytes = readSnapshotFile(opts.restore!);
  let info: SnapshotInfo;
  let sections: DecodedSnapshot;
  try {
    sections = await decodeSnapshot(bytes); // checked once, for the info and the restore (RAM inflates as the guest needs it)
    info = await readSnapshotInfo(sections);
  } catch (e) {
    throw e instanceof SnapshotError ? new UserError(`${opts.restore}: ${e.message}`) : e;
  }
  if (info.guests) throw new UserError(`${opts.restore}: it holds the ${info.guests.length} guests of a hypervisor; rvisor run --restore resumes one machine (the library's Hypervisor.restore resumes several)`);
  const disks: FileBlockBackend[] = [];
  let drive = 0;
  const virtio: VirtioSpec[] = info.machine.devices.map((d, i): VirtioSpec => {
    switch (d.kind) {
      case 'rng': return { kind: 'rng' };
      case 'console': return { kind: 'console' };
      case 'balloon': return { kind: 'balloon' };
      case 'net': {
        const sw = new NetSwitch();
        new NetTestPeer(sw, { mac: '52:54:00:12:34:02', ip: '10.0.2.2' });
        return { kind: 'net', port: sw.connect(), mac: d.mac };
      }
      case 'blk': {
        if (d.contents === 'all') return { kind: 'blk', backend: new MemoryBlockBackend(new Uint8Array(d.size), d.readonly), serial: d.serial };
        const given = opts.drives[drive++];
        const file = given?.file ?? d.path;
        if (!file) throw new UserError(`${opts.restore}: its disk ${i} has no file name; give it with --drive file=PATH`);
        const overlay = d.contents === 'overlay';
        const f = FileBlockBackend.open(file, { readonly: d.readonly || overlay });
        disks.push(f);
        if (f.size !== d.size) throw new UserError(`${opts.restore}: its disk ${i} had ${d.size} bytes, ${file} has ${f.size}; give the disk it was taken with`);
        return { kind: 'blk', backend: overlay ? new OverlayBlockBackend(f) : f, serial: d.serial };
      }
    }
  });
  const c = info.machine.config;
  const { m, hv } = await createMachineFor(opts, { ...base, memSize: c.memSize, harts: c.harts, mode: c.mode, coherence: c.coherence, icount: c.icount, bootargs: c.bootargs, virtio });
  await restoreInto(m, sections, opts.restore!);
  return { m, hv, disks };
}

export async function restoreInto(m: Machine, bytes: Uint8Array | DecodedSnapshot, what: string): Promise<void> {
  try {
    await m.restore(bytes);
  } catch (e) {
    throw e instanceof SnapshotError ? new UserError(`${what}: ${e.message}`) : e;
  }
}

/** The monitor's savevm: the machine (held still by the monitor) to FILE, atomically. */
export async function saveSnapshotFile(m: Machine, path: string): Promise<string> {
  const t0 = performance.now();
  const out = OutputFile.claim(path, `savevm ${path}`); // a bad place is refused before the work
  let bytes: Uint8Array;
  try {
    bytes = await m.snapshot();
  } catch (e) {
    out.discard();
    throw e;
  }
  out.commit(bytes);
  return `saved ${path}: ${(bytes.length / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - t0) / 1000).toFixed(2)} s`;
}

/** The monitor's loadvm: FILE's state into this machine (built the same way). */
export async function loadSnapshotFile(m: Machine, path: string): Promise<string> {
  await restoreInto(m, readSnapshotFile(path), path);
  return `restored ${path}`;
}
