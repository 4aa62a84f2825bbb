// The busybox initramfs: /init (mounts proc, sysfs and devtmpfs, loads kernel modules, prints
// INITRAMFS_READY_MARKER, starts a shell on the console) and the cpio image around it. An
// uncompressed newc cpio: unpacking gzip in an emulator costs far more than the extra bytes.
// No Node API here: it could run in a page.
import { CpioWriter } from '../../loader/cpio';
import { nameOfPath, normalizeModuleName } from './kernel-modules';

/** The line /init prints just before it starts the shell. */
export const INITRAMFS_READY_MARKER = 'rvisor: initramfs ready';

export interface InitramfsModule {
  /** path relative to lib/modules/<release>, ending in .ko (decompressed) */
  path: string;
  data: Uint8Array;
}

/** A module asked for by name, with the files to insmod for it (its dependencies first). */
export interface ModuleGroup {
  name: string;
  /** paths relative to lib/modules/<release> */
  paths: string[];
}

// The script's text is part of the initramfs recipe (index.ts: recipeOf): any change, even to
// its comments (which still name images.ts), rebuilds every cached initramfs.
/**
 * The /init script: mounts proc, sysfs and devtmpfs, insmods the groups' modules, prints
 * INITRAMFS_READY_MARKER and starts a shell on the console. `rvisor.modules=a,b` on the kernel
 * command line loads only the groups named (`rvisor.modules=none`: none), since loading modules
 * is the slow part of the boot (ext4 alone is about 1 G instructions).
 */
/** Modules /init loads only when a virtio device of this id (sysfs' `device` file) is there. */
const VIRTIO_DEVICE_MODULES: Record<string, string> = { virtio_balloon: '0x0005' };

export function initScript(kernelRelease: string, groups: ModuleGroup[]): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cases = groups
    .map((g) => {
      const loads = g.paths.map((p) => `load ${q(p)}`).join('; ');
      const id = VIRTIO_DEVICE_MODULES[g.name];
      return id
        ? `case $want in *,${g.name},*) grep -qx ${id} /sys/bus/virtio/devices/*/device 2>/dev/null && { ${loads}; } ;; esac`
        : `case $want in *,${g.name},*) ${loads} ;; esac`;
    })
    .join('\n');
  return `#!/bin/busybox sh
# /init of rvisor's busybox initramfs (written by src/node/images.ts): mounts proc, sysfs and
# devtmpfs, loads kernel modules (all below, or those named by rvisor.modules=a,b|none on the
# kernel command line) and starts a shell on the console.
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
want=,${groups.map((g) => g.name).join(',')},
read -r cmdline < /proc/cmdline
for a in $cmdline; do
	case $a in rvisor.modules=*) want=,\${a#rvisor.modules=}, ;; esac
done
loaded=' '
load() {
	case $loaded in *" $1 "*) return ;; esac
	loaded="$loaded$1 "
	insmod "$1" || echo "rvisor: insmod $1 failed"
}
cd /lib/modules/${q(kernelRelease)}
${cases}
cd /
echo "${INITRAMFS_READY_MARKER}"
exec setsid cttyhack sh
`;
}

/**
 * A busybox initramfs: /bin/busybox (its applets are linked by /init at boot), /init, /dev/console,
 * /etc/passwd, the given modules under /lib/modules/<release>/ with modules.dep (and, if given,
 * modules.alias and modules.softdep) for busybox's modprobe. Deterministic.
 */
export function makeInitramfs(parts: {
  busybox: Uint8Array;
  kernelRelease: string;
  modules: InitramfsModule[];
  /** what /init loads, in order (default: each module by itself, in the order of `modules`) */
  groups?: ModuleGroup[];
  modulesDep?: string;
  modulesAlias?: string;
  modulesSoftdep?: string;
  /** more files, e.g. { path: 'root/test.sh', data, mode: 0o755 } */
  extra?: { path: string; data: Uint8Array; mode?: number }[];
}): Uint8Array {
  const enc = new TextEncoder();
  const cpio = new CpioWriter();
  for (const d of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'etc', 'proc', 'sys', 'dev', 'run', 'mnt', 'lib/modules']) cpio.dir(d);
  cpio.dir('root', 0o700).dir('tmp', 0o1777);
  cpio.device('dev/console', 0o600, 5, 1, 'c');
  cpio.file('bin/busybox', parts.busybox, 0o755);
  cpio.symlink('bin/sh', 'busybox');
  cpio.file('etc/passwd', enc.encode('root::0:0:root:/root:/bin/sh\n'));
  cpio.file('etc/group', enc.encode('root:x:0:\n'));
  const base = `lib/modules/${parts.kernelRelease}`;
  cpio.dir(base);
  for (const m of parts.modules) cpio.file(`${base}/${m.path}`, m.data);
  const included = new Set(parts.modules.map((m) => m.path));
  const keep = (text: string | undefined, f: (line: string) => boolean) =>
    (text ?? '')
      .split('\n')
      .filter((l) => l && (l.startsWith('#') || f(l)))
      .map((l) => `${l}\n`)
      .join('');
  const names = new Set(parts.modules.map((m) => nameOfPath(m.path)));
  // modules.dep names the files as they are in the initramfs (.ko)
  const dep = keep(parts.modulesDep?.replace(/\.ko\.xz\b/g, '.ko'), (l) => included.has(l.slice(0, l.indexOf(':'))));
  cpio.file(`${base}/modules.dep`, enc.encode(dep || parts.modules.map((m) => `${m.path}:\n`).join('')));
  if (parts.modulesAlias) cpio.file(`${base}/modules.alias`, enc.encode(keep(parts.modulesAlias, (l) => names.has(normalizeModuleName(l.split(/\s+/)[2] ?? '')))));
  if (parts.modulesSoftdep) cpio.file(`${base}/modules.softdep`, enc.encode(keep(parts.modulesSoftdep, (l) => names.has(normalizeModuleName(l.split(/\s+/)[1] ?? '')))));
  for (const x of parts.extra ?? []) cpio.file(x.path, x.data, x.mode ?? 0o644);
  cpio.file('init', enc.encode(initScript(parts.kernelRelease, parts.groups ?? parts.modules.map((m) => ({ name: nameOfPath(m.path), paths: [m.path] })))), 0o755);
  return cpio.finish();
}

