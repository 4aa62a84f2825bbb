// Command-line parsing for `rvisor`, with QEMU's option names where they exist. Uses Node's
// own util.parseArgs; every mistake becomes a UsageError with one line of advice.
import { parseArgs } from 'node:util';
import { parseSizeText, sizeAdvice } from '../loader/guest-config';

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
                       a virtio-blk disk (repeatable; the first is at 0x1000_1000); an
                       image has one writer or many readers, locked across runs (F.lock/);
                       ",," is a comma inside F
  --rng                a virtio-rng device fed from the host's crypto
  --virtio-console     a virtio console (Linux: /dev/hvc0) sharing this terminal's output
  --net                a virtio-net NIC on a virtual switch with a peer that answers
                       ARP and ping at 10.0.2.2
  --balloon            a virtio-balloon (trap mode): the guest reports free pages, which the
                       hypervisor takes back, and gives memory up under pressure
  --balloon-pressure PERCENT
                       inflate balloons above this much of --real-mem (default 90; 0: never)
  --mem SIZE           guest RAM, e.g. 128M, 1G (default 128M)
  --smp N              number of harts (default 1)
  --icount [SHIFT]     time follows instructions (2^SHIFT ns each, default 0): deterministic
  --rtc-base DATE      the RTC's date at power-on (ISO 8601, e.g. 2026-01-01T00:00:00Z;
                       default: now); with --icount the RTC then follows the guest's time,
                       so two runs read the same dates
  --timeout SEC        stop after SEC seconds of wall time with exit code 124
  --jit on|off         compile hot guest code to wasm (default on; RVISOR_JIT=on|off
                       changes the default)
  --jit-thread on|off  translate and compile on a thread of its own (default off): 3-5 % of
                       a Linux boot's machine thread, for about 16 MiB more memory
  --stats              print instructions, MIPS and exits to stderr at the end
  --stats-json FILE    write the same figures as JSON
  --guest [NAME=]FILE  a trap-mode guest running FILE as its kernel (repeatable); the
                       other options apply to each; output lines are prefixed NAME|
  --config FILE        a JSON file listing guests (see docs/HYPERVISOR.md)
  --quantum MS         time slice of each guest before the next runs (default 10)
  --real-mem SIZE      trap mode: real memory all guests may hold together; beyond it the
                       pager pages their memory out (default: what wasm32 holds, ~3.7G)
  --max-booting N      several guests: how many may boot at once; the others start as
                       earlier ones settle (default: one per 256M of --real-mem, 1 to 8)
  --swap FILE          where paged-out memory goes (default: a temporary file, removed)
  --restore FILE       resume the machine saved in a snapshot file (its disks: the
                       --drive options given, else the files it names)
  --port N, --host A   rvisor serve: where to listen (default 8080 on 127.0.0.1)
  --gdb [tcp:[HOST]:]PORT
                       serve gdb's remote protocol (target remote :PORT); loopback only
                       unless HOST is given; PORT 0 picks a free one
  -s                   the same as --gdb tcp::1234
  -S                   with --gdb or -s: hold the guest before its first instruction until
                       gdb continues it
  -h, --help           this text
console: Ctrl-A X quits, Ctrl-A C opens the monitor, Ctrl-A A (or Ctrl-A Ctrl-A) sends Ctrl-A,
on a terminal and on piped stdin alike`;

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
  rtcBase?: number; // ms since the epoch
  jit?: boolean;
  jitThread?: boolean;
  timeoutSec?: number;
  stats: boolean;
  statsJson?: string;
  output?: string;
  realMem?: number;
  maxBooting?: number;
  swap?: string;
  balloon: boolean;
  balloonPressure?: number;
  notices: string[]; // one-line remarks about accepted but doubtful options, for stderr
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
// As in QEMU, ",," stands for a comma inside a value (file=dir/a,,b.img names "dir/a,b.img").
export function parseDrive(text: string): DriveOption {
  const d: DriveOption = { file: '', readonly: false, snapshot: false };
  const seen = new Set<string>();
  for (const part of splitOptions(text)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const val = eq < 0 ? 'on' : part.slice(eq + 1);
    if (seen.has(key)) throw new UsageError(`--drive ${text}: ${key}= is given twice; give it once (a comma inside a file name is written ,,)`);
    seen.add(key);
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
      case '': throw new UsageError(`--drive ${text}: an empty option (a stray comma?); a comma inside a file name is written ,,`);
      default: throw new UsageError(`--drive: unknown option '${key}'; use file=, format=raw, readonly=on or snapshot=on (a comma inside a file name is written ,,)`);
    }
  }
  if (!d.file) throw new UsageError('--drive needs file=PATH, e.g. --drive file=disk.img,format=raw');
  return d;
}

// Splits "a=1,b=x,,y" at single commas; ",," is a literal comma (QEMU's QemuOpts escape).
export function splitOptions(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ',') { cur += text[i]; continue; }
    if (text[i + 1] === ',') { cur += ','; i++; continue; }
    parts.push(cur);
    cur = '';
  }
  parts.push(cur);
  return parts;
}

export function parseSize(text: string, option = '--mem'): number {
  const size = parseSizeText(text);
  if (size === null) throw new UsageError(`${option} ${text}: ${sizeAdvice(text)}`);
  return size;
}

function positiveInt(name: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(`${name} ${text}: expected a whole number from 1 to ${max}`);
  }
  return Number(text);
}

export function parseCommandLine(argv: string[]): RunOptions | 'help' {
  const args = glueValues(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      tokens: true,
      options: {
        mode: { type: 'string' }, coherence: { type: 'string' }, bios: { type: 'string' }, kernel: { type: 'string' }, initrd: { type: 'string' },
        append: { type: 'string' }, dtb: { type: 'string' }, drive: { type: 'string', multiple: true },
        rng: { type: 'boolean' }, net: { type: 'boolean' }, 'virtio-console': { type: 'boolean' }, mem: { type: 'string', short: 'm' }, smp: { type: 'string' },
        icount: { type: 'string' }, 'rtc-base': { type: 'string' }, timeout: { type: 'string' }, stats: { type: 'boolean' }, jit: { type: 'string' }, 'jit-thread': { type: 'string' },
        'stats-json': { type: 'string' }, help: { type: 'boolean', short: 'h' },
        guest: { type: 'string', multiple: true }, config: { type: 'string' }, quantum: { type: 'string' },
        'real-mem': { type: 'string' }, 'max-booting': { type: 'string' }, swap: { type: 'string' }, balloon: { type: 'boolean' }, 'balloon-pressure': { type: 'string' },
        restore: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
        gdb: { type: 'string' }, 'gdb-1234': { type: 'boolean', short: 's' }, 'gdb-wait': { type: 'boolean', short: 'S' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}; see rvisor --help`);
  }
  const { values: v, positionals, tokens } = parsed;
  if (v.help || positionals.length === 0) return 'help';
  const notices = repeatedOptions(tokens);
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
  if (mode === 'trap' && v.bios === 'none') throw new UsageError('--bios none starts the kernel in M-mode, which trap mode does not have (the hypervisor needs no firmware); drop --bios none, or use --mode bare');
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
    realMem: v['real-mem'] !== undefined ? parseSize(v['real-mem'], '--real-mem') : undefined,
    maxBooting: v['max-booting'] !== undefined ? positiveInt('--max-booting', v['max-booting'], 1024) : undefined,
    swap: v.swap,
    balloon: v.balloon ?? false,
    notices,
    gdb: v.gdb !== undefined ? parseGdb(v.gdb) : v['gdb-1234'] ? { host: '127.0.0.1', port: 1234 } : undefined,
    gdbWait: v['gdb-wait'] ?? false,
    restore: v.restore,
    port: v.port === undefined ? 8080 : v.port === '0' ? 0 : positiveInt('--port', v.port, 65535),
    host: v.host ?? '127.0.0.1',
  };
  if (v['balloon-pressure'] !== undefined) {
    const p = v['balloon-pressure'];
    if (!/^\d+$/.test(p) || Number(p) > 100) throw new UsageError(`--balloon-pressure ${p}: expected a percentage from 0 to 100`);
    opts.balloonPressure = Number(p) / 100;
  }
  if ((opts.balloon || opts.balloonPressure !== undefined) && mode !== 'trap') throw new UsageError('--balloon talks to the hypervisor\'s pager: trap mode only; drop --bios / --mode bare');
  if ((v['real-mem'] !== undefined || v.swap !== undefined) && mode !== 'trap') throw new UsageError('--real-mem and --swap page guests\' memory under the hypervisor; add --mode trap (or drop --bios)');
  if (opts.maxBooting !== undefined && !guests.length && !v.config) opts.notices.push('--max-booting only matters with several guests (--guest or --config); ignored');
  if (opts.gdbWait && !opts.gdb) throw new UsageError('-S holds the guest for gdb: add -s or --gdb PORT');
  if (opts.gdb && (guests.length || v.config)) throw new UsageError('--gdb debugs a single guest; drop --guest/--config');
  if (opts.restore !== undefined && (opts.kernel || v.bios !== undefined || opts.initrd || guests.length || v.config)) {
    throw new UsageError('--restore resumes a whole machine; drop --kernel, --bios, --initrd, --guest and --config');
  }
  if (v['rtc-base'] !== undefined) {
    const ms = Date.parse(v['rtc-base']);
    if (!/^\d{4}-\d\d-\d\d/.test(v['rtc-base']) || Number.isNaN(ms)) throw new UsageError(`--rtc-base ${v['rtc-base']}: expected an ISO 8601 date, e.g. 2026-01-01T00:00:00Z`);
    opts.rtcBase = ms;
  }
  if (v.icount !== undefined) {
    const shift = /^(?:shift=)?(\d+)$/.exec(v.icount)?.[1];
    if (shift === undefined || Number(shift) > 10) throw new UsageError(`--icount ${v.icount}: expected a shift from 0 to 10`);
    opts.icount = Number(shift);
  }
  if (v.jit !== undefined) {
    if (v.jit !== 'on' && v.jit !== 'off') throw new UsageError(`--jit ${v.jit}: expected on or off`);
    opts.jit = v.jit === 'on';
  }
  const jt = v['jit-thread'];
  if (jt !== undefined) {
    if (jt !== 'on' && jt !== 'off') throw new UsageError(`--jit-thread ${jt}: expected on or off`);
    opts.jitThread = jt === 'on';
  }
  if (v.timeout !== undefined) {
    const t = Number(v.timeout);
    if (!/^\d+(\.\d+)?$/.test(v.timeout) || !(t > 0)) throw new UsageError(`--timeout ${v.timeout}: expected a number of seconds above 0 (leave --timeout out to run without one)`);
    opts.timeoutSec = t;
  }
  checkCombinations(v, opts);
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

// --jit-thread, else RVISOR_JIT_THREAD (on|off): the JIT's own thread (src/node/jit-thread.ts),
// off by default. Measured (docs/BENCHMARKS.md, sixteenth stage): interleaved boots 3-5 % faster,
// but the worker's isolate and malloc took the boot's peak RSS from 200-204 to 209-220 MiB,
// where QEMU's is 217 (issue 12: at or under QEMU's).
export function cliJitThread(flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  return process.env.RVISOR_JIT_THREAD === 'on';
}

// RVISOR_JIT_MIN_RUN=N (measurements, tests): instructions per entry a region must average.
export function cliJitMinRun(): number | undefined {
  const s = process.env.RVISOR_JIT_MIN_RUN;
  const v = Number(s);
  return s !== undefined && s !== '' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

// RVISOR_JIT_TIER=baseline|optimizing (measurements): the V8 tiers compiled guest code gets
// (src/node/wasm.ts cliJitTiers); baseline unless it says otherwise.
export function cliJitTier(): 'baseline' | 'optimizing' {
  const s = process.env.RVISOR_JIT_TIER;
  if (s === undefined || s === '' || s === 'baseline') return 'baseline';
  if (s === 'optimizing') return s;
  throw new UsageError(`RVISOR_JIT_TIER=${s}: expected baseline or optimizing`);
}

// Value options whose value may look like an option: a negative number (--timeout -3) and
// whatever follows --icount, whose value is optional (a bare --icount means shift 0). Glued to
// their option so parseArgs takes them as values and the range checks can say what is wrong.
const NUMERIC = /^--(mem|smp|timeout|icount|quantum)$/;

function glueValues(argv: string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], next = argv[i + 1];
    if (a === '--') { args.push(...argv.slice(i)); break; }
    if (a === '--icount' && (next === undefined || (next.startsWith('-') && !/^-\d/.test(next)))) { args.push('--icount=0'); continue; }
    if (NUMERIC.test(a) && next !== undefined && (/^-\d/.test(next) || a === '--icount')) { args.push(`${a}=${next}`); i++; continue; }
    args.push(a);
  }
  return args;
}

// Options given more than once: QEMU takes the last one, and so does rvisor, but says so.
function repeatedOptions(tokens: { kind: string; name?: string; rawName?: string; value?: string }[]): string[] {
  const seen = new Map<string, string[]>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name || MULTIPLE.has(t.name) || t.value === undefined) continue;
    seen.set(t.name, [...(seen.get(t.name) ?? []), t.value]);
  }
  const notices: string[] = [];
  for (const [name, values] of seen) {
    if (values.length > 1 && new Set(values).size > 1) {
      notices.push(`--${name} is given ${values.length} times (${values.join(', ')}); the last one, ${values[values.length - 1]}, counts`);
    }
  }
  return notices;
}
const MULTIPLE = new Set(['drive', 'guest']);

// Combinations that parse but cannot mean what the user meant: refused with one line each.
function checkCombinations(v: Record<string, unknown>, opts: RunOptions): void {
  const several = opts.guests.length > 0 || opts.config !== undefined;
  if (opts.config) {
    // A guest list carries each guest's own settings; these would be dropped without a word.
    const perGuest = ['mem', 'smp', 'initrd', 'append', 'net', 'rng', 'coherence', 'drive'] as const;
    for (const k of perGuest) {
      if (v[k] !== undefined) throw new UsageError(`--${k} does not apply with --config: each guest's settings come from the file (see docs/HYPERVISOR.md); drop --${k}`);
    }
  }
  if (several && v.dtb !== undefined) throw new UsageError('--dtb gives one machine\'s device tree; several guests each get their own, generated');
  if (several && v['virtio-console'] !== undefined) throw new UsageError('--virtio-console is for a single guest; several guests share the terminal through their UART consoles');
  if (!several && v.quantum !== undefined && opts.command === 'run') opts.notices.push('--quantum only matters with several guests (--guest or --config); ignored');
  if (opts.command === 'run' && opts.append !== undefined && !opts.kernel && !several) {
    throw new UsageError('--append is the kernel\'s command line and needs --kernel (as in QEMU)');
  }
  if (opts.dtb && (opts.append !== undefined || opts.initrd)) {
    opts.notices.push(`--dtb ${opts.dtb} is used as given: rvisor does not write --append or --initrd into it, so its /chosen node must name them`);
  }
}
