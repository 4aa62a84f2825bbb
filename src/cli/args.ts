// Command-line parsing for `rvisor`, with QEMU's option names where they exist. Uses Node's
// own util.parseArgs; every mistake becomes a UsageError with one line of advice.
import { parseArgs } from 'node:util';
import { parseSizeText } from '../loader/guest-config';

export class UsageError extends Error {}

export const USAGE = `usage: rvisor run [options]        boot a guest (Ctrl-A X quits)
       rvisor run --config FILE.json   run the guests a config lists, time-sliced
       rvisor run --guest [NAME=]FILE ...   run several guests sharing the other options
       rvisor console NAME             attach to a guest's console socket (Ctrl-A X detaches)
       rvisor dumpdtb [options] FILE   write the machine's device tree blob
       rvisor run --restore FILE [--drive ...]   resume a snapshot (monitor: savevm FILE)
       rvisor serve [--port N] [--host ADDR]     the web page and guest images over HTTP
options:
  --mode trap|bare     trap (the default without --bios): the hypervisor plays M-mode
                       and SBI, the guest's S and U run deprivileged on shadow page
                       tables; bare: the core is the whole machine, firmware in M-mode
  --coherence sfence|wp
                       trap mode: shadow tables follow trapped sfence.vma (default) or
                       write-protected guest page-table pages
  --bios none|opensbi|u-boot|FILE
                       bare mode firmware run in M-mode (none: start the kernel in
                       M-mode; opensbi, u-boot: Debian's, fetched and cached on first use)
  --kernel FILE|debian|u-boot
                       ELF executable, or a Linux Image in trap mode or under firmware (debian:
                       Debian's riscv64 kernel; u-boot: Debian's S-mode U-Boot)
  --initrd FILE|debian initial ramdisk, placed as QEMU places it (debian: a busybox
                       initramfs that loads virtio and ext4 modules)
  --append TEXT        kernel command line (/chosen/bootargs)
  --dtb FILE           use this device tree blob instead of the generated one
  --drive file=F[,format=raw][,readonly=on][,snapshot=on]
                       a virtio-blk disk (repeatable; the first is at 0x1000_1000)
  --rng                a virtio-rng device fed from the host's crypto
  --virtio-console     a virtio console (Linux: /dev/hvc0) sharing this terminal's output
  --net                a virtio-net NIC on a virtual switch with a peer that answers
                       ARP and ping at 10.0.2.2
  --mem SIZE           guest RAM, e.g. 128M, 1G (default 128M)
  --smp N              number of harts (default 1)
  --icount [SHIFT]     time follows instructions (2^SHIFT ns each, default 0): deterministic
  --timeout SEC        stop after SEC seconds of wall time with exit code 124
  --jit on|off         compile hot guest code to wasm (default off; RVISOR_JIT=on|off
                       changes the default)
  --stats              print instructions, MIPS and exits to stderr at the end
  --stats-json FILE    write the same figures as JSON
  --guest [NAME=]FILE  a trap-mode guest running FILE as its kernel (repeatable); the
                       other options apply to each; output lines are prefixed NAME|
  --config FILE        a JSON file listing guests (see docs/HYPERVISOR.md)
  --quantum MS         time slice of each guest before the next runs (default 10)
  --restore FILE       resume the machine saved in a snapshot file (its disks: the
                       --drive options given, else the files it names)
  --port N, --host A   rvisor serve: where to listen (default 8080 on 127.0.0.1)
  --gdb [tcp:[HOST]:]PORT
                       serve gdb's remote protocol (target remote :PORT); loopback only
                       unless HOST is given; PORT 0 picks a free one
  -s                   the same as --gdb tcp::1234
  -S                   with --gdb or -s: hold the guest before its first instruction until
                       gdb continues it
  -h, --help           this text`;

export interface RunOptions {
  command: 'run' | 'dumpdtb' | 'console' | 'serve';
  guests: { name: string; kernel: string }[];
  config?: string;
  quantumMs: number;
  consoleName?: string;
  mode: 'trap' | 'bare';
  coherence: 'sfence' | 'wp';
  bios: string;
  kernel?: string;
  initrd?: string;
  append?: string;
  dtb?: string;
  drives: DriveOption[];
  rng: boolean;
  net: boolean;
  virtioConsole: boolean;
  memSize: number;
  smp: number;
  icount?: number;
  jit?: boolean;
  timeoutSec?: number;
  stats: boolean;
  statsJson?: string;
  output?: string;
  restore?: string;
  port: number;
  host: string;
  gdb?: { host: string; port: number };
  gdbWait: boolean;
}

// QEMU's -gdb syntax: tcp::PORT, tcp:HOST:PORT, or just PORT.
export function parseGdb(text: string): { host: string; port: number } {
  const m = /^(?:tcp:([^:]*):)?(\d+)$/.exec(text);
  if (!m || Number(m[2]) > 65535) throw new UsageError(`--gdb ${text}: give a port, e.g. --gdb 1234 or --gdb tcp::1234`);
  return { host: m[1] || '127.0.0.1', port: Number(m[2]) };
}

export interface DriveOption { file: string; readonly: boolean; snapshot: boolean }

// QEMU's -drive syntax, the subset rvisor serves: file=, format=raw, readonly=, snapshot=, if=virtio.
export function parseDrive(text: string): DriveOption {
  const d: DriveOption = { file: '', readonly: false, snapshot: false };
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const val = eq < 0 ? 'on' : part.slice(eq + 1);
    const onOff = () => {
      if (val !== 'on' && val !== 'off') throw new UsageError(`--drive ${key}=${val}: use on or off`);
      return val === 'on';
    };
    switch (key) {
      case 'file': d.file = val; break;
      case 'format': if (val !== 'raw') throw new UsageError(`--drive format=${val}: only raw images are supported; convert with qemu-img convert -O raw`); break;
      case 'if': if (val !== 'virtio') throw new UsageError(`--drive if=${val}: only virtio disks exist on this machine`); break;
      case 'readonly': d.readonly = onOff(); break;
      case 'snapshot': d.snapshot = onOff(); break;
      default: throw new UsageError(`--drive: unknown option '${key}'; use file=, format=raw, readonly=on or snapshot=on`);
    }
  }
  if (!d.file) throw new UsageError('--drive needs file=PATH, e.g. --drive file=disk.img,format=raw');
  return d;
}

export function parseSize(text: string): number {
  const size = parseSizeText(text);
  if (size === null) throw new UsageError(`--mem ${text}: not a size; write it like 128M or 1G`);
  return size;
}

function positiveInt(name: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(`${name} ${text}: expected a whole number from 1 to ${max}`);
  }
  return Number(text);
}

export function parseCommandLine(argv: string[]): RunOptions | 'help' {
  // --icount takes an optional value: rewrite a bare --icount to --icount=0 for parseArgs.
  const args = argv.map((a, i) => (a === '--icount' && (i + 1 >= argv.length || argv[i + 1].startsWith('-') || !/^\d+$/.test(argv[i + 1])) ? '--icount=0' : a));
  // A negative number after a value option is its value, not an option (so the range check
  // below can say what is wrong with it).
  for (let i = 0; i < args.length - 1; i++) {
    if (/^--(mem|smp|timeout|icount)$/.test(args[i]) && /^-\d/.test(args[i + 1])) args.splice(i, 2, `${args[i]}=${args[i + 1]}`);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        mode: { type: 'string' }, coherence: { type: 'string' }, bios: { type: 'string' }, kernel: { type: 'string' }, initrd: { type: 'string' },
        append: { type: 'string' }, dtb: { type: 'string' }, drive: { type: 'string', multiple: true },
        rng: { type: 'boolean' }, net: { type: 'boolean' }, 'virtio-console': { type: 'boolean' }, mem: { type: 'string', short: 'm' }, smp: { type: 'string' },
        icount: { type: 'string' }, timeout: { type: 'string' }, stats: { type: 'boolean' }, jit: { type: 'string' },
        'stats-json': { type: 'string' }, help: { type: 'boolean', short: 'h' },
        guest: { type: 'string', multiple: true }, config: { type: 'string' }, quantum: { type: 'string' },
        restore: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
        gdb: { type: 'string' }, 'gdb-1234': { type: 'boolean', short: 's' }, 'gdb-wait': { type: 'boolean', short: 'S' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}; see rvisor --help`);
  }
  const { values: v, positionals } = parsed;
  if (v.help || positionals.length === 0) return 'help';
  const command = positionals[0];
  if (command !== 'run' && command !== 'dumpdtb' && command !== 'console' && command !== 'serve') throw new UsageError(`unknown command '${command}'; use 'rvisor run', 'rvisor console', 'rvisor serve' or 'rvisor dumpdtb'`);
  if (command === 'serve' && positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'; rvisor serve [--port N] [--host ADDR]`);
  if ((v.port !== undefined || v.host !== undefined) && command !== 'serve') throw new UsageError('--port and --host belong to rvisor serve');
  if (command === 'console' && positionals.length !== 2) throw new UsageError('console needs the guest\'s name: rvisor console NAME');
  if (command === 'run' && positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'; give the program with --kernel`);
  if (command === 'dumpdtb' && positionals.length !== 2) throw new UsageError('dumpdtb needs one output file: rvisor dumpdtb [options] FILE');
  const mode = v.mode ?? (v.bios === undefined ? 'trap' : 'bare');
  if (mode !== 'trap' && mode !== 'bare') throw new UsageError(`--mode ${mode}: use trap or bare`);
  if (mode === 'trap' && v.bios !== undefined && v.bios !== 'none') throw new UsageError(`--bios ${v.bios} runs firmware in M-mode, which trap mode does not have; add --mode bare or drop --bios`);
  const coherence = v.coherence ?? 'sfence';
  if (coherence !== 'sfence' && coherence !== 'wp') throw new UsageError(`--coherence ${coherence}: use sfence or wp`);
  if (v.coherence !== undefined && mode !== 'trap') throw new UsageError('--coherence applies to trap mode\'s shadow page tables; add --mode trap');
  const guests = (v.guest ?? []).map((g, i) => {
    const eq = g.indexOf('=');
    return eq > 0 ? { name: g.slice(0, eq), kernel: g.slice(eq + 1) } : { name: `g${i}`, kernel: g };
  });
  if (guests.length && v.config) throw new UsageError('give the guests either with --guest or in --config, not both');
  if ((guests.length || v.config) && v.kernel) throw new UsageError('--kernel names a single guest\'s kernel; with several guests give each one with --guest or in --config');
  if ((guests.length || v.config) && mode !== 'trap') throw new UsageError('several guests run only in trap mode, under the hypervisor; drop --bios / --mode bare');
  if (guests.length && v.drive?.length) throw new UsageError('a disk cannot be shared by several guests; give each guest its drives in --config');
  const opts: RunOptions = {
    command,
    guests,
    config: v.config,
    quantumMs: v.quantum ? positiveInt('--quantum', v.quantum, 10_000) : 10,
    consoleName: command === 'console' ? positionals[1] : undefined,
    mode,
    coherence,
    bios: v.bios ?? 'none',
    kernel: v.kernel,
    initrd: v.initrd,
    append: v.append,
    dtb: v.dtb,
    drives: (v.drive ?? []).map(parseDrive),
    rng: v.rng ?? false,
    net: v.net ?? false,
    virtioConsole: v['virtio-console'] ?? false,
    memSize: v.mem ? parseSize(v.mem) : 128 << 20,
    smp: v.smp ? positiveInt('--smp', v.smp, 64) : 1,
    stats: v.stats ?? false,
    statsJson: v['stats-json'],
    output: command === 'dumpdtb' ? positionals[1] : undefined,
    gdb: v.gdb !== undefined ? parseGdb(v.gdb) : v['gdb-1234'] ? { host: '127.0.0.1', port: 1234 } : undefined,
    gdbWait: v['gdb-wait'] ?? false,
    restore: v.restore,
    port: v.port === undefined ? 8080 : v.port === '0' ? 0 : positiveInt('--port', v.port, 65535),
    host: v.host ?? '127.0.0.1',
  };
  if (opts.gdbWait && !opts.gdb) throw new UsageError('-S holds the guest for gdb: add -s or --gdb PORT');
  if (opts.gdb && (guests.length || v.config)) throw new UsageError('--gdb debugs a single guest; drop --guest/--config');
  if (opts.restore !== undefined && (opts.kernel || v.bios !== undefined || opts.initrd || guests.length || v.config)) {
    throw new UsageError('--restore resumes a whole machine; drop --kernel, --bios, --initrd, --guest and --config');
  }
  if (v.icount !== undefined) {
    if (!/^\d+$/.test(v.icount) || Number(v.icount) > 10) throw new UsageError(`--icount ${v.icount}: expected a shift from 0 to 10`);
    opts.icount = Number(v.icount);
  }
  if (v.jit !== undefined) {
    if (v.jit !== 'on' && v.jit !== 'off') throw new UsageError(`--jit ${v.jit}: expected on or off`);
    opts.jit = v.jit === 'on';
  }
  if (v.timeout !== undefined) {
    const t = Number(v.timeout);
    if (!(t > 0)) throw new UsageError(`--timeout ${v.timeout}: expected a number of seconds above 0`);
    opts.timeoutSec = t;
  }
  if (command === 'run' && opts.bios === 'none' && !opts.kernel && !guests.length && !v.config && !opts.restore) throw new UsageError('nothing to run: give --kernel FILE (or --bios FILE)');
  if (opts.initrd && !opts.kernel && !guests.length) throw new UsageError('--initrd needs --kernel');
  return opts;
}

// --jit, else RVISOR_JIT (on|off), else the machine's default.
export function cliJit(flag: boolean | undefined): boolean | undefined {
  if (flag !== undefined) return flag;
  const env = process.env.RVISOR_JIT;
  return env === 'on' ? true : env === 'off' ? false : undefined;
}

// RVISOR_JIT_SAMPLES=N (tests): compile a page after N samples instead of the default.
export function cliJitSamples(): number | undefined {
  const v = Number(process.env.RVISOR_JIT_SAMPLES);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}
