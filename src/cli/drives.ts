// The disks of a run, opened (and locked, image-lock.ts) before anything else happens, so that a
// disk in use elsewhere is refused with one line before an image is fetched or a guest starts.
// They stay open across guest reboots (a reboot is a new machine on the same disks).
import { FileBlockBackend } from '../node/file-block-backend';
import { OverlayBlockBackend, type BlockBackend } from '../devices/block-backend';
import type { DriveOption } from './args';

export interface OpenDrive { file: FileBlockBackend; backend: BlockBackend }

// snapshot=on: the file is only read (a reader's lock); writes stay in memory until rvisor
// exits, across guest reboots as in QEMU.
export function openDrive(d: DriveOption, what: string): OpenDrive {
  const file = FileBlockBackend.open(d.file, { readonly: d.readonly || d.snapshot, what });
  const backend = d.snapshot && !d.readonly ? new OverlayBlockBackend(file) : file;
  return { file, backend };
}
