// The hypervisor's guest list (`rvisor run --config FILE.json`), checked field by field so that
// a mistake gets one line naming the guest and the field. No Node API: the browser can use it.
//
//   { "quantumMs": 10, "realMem": "512M",
//     "guests": [ { "name": "a", "kernel": "debian", "initrd": "debian", "mem": "256M",
//                   "append": "console=ttyS0", "smp": 1, "drives": ["file=a.img"],
//                   "net": true, "rng": true, "console": "prefix" | "socket",
//                   "coherence": "sfence" | "wp", "balloon": true } ] }
export class GuestConfigError extends Error {}

export interface GuestEntry {
  name: string;
  kernel: string;
  initrd?: string;
  memSize: number;
  append?: string;
  smp: number;
  drives: string[]; // --drive syntax, one disk each
  net: boolean;
  rng: boolean;
  console: 'prefix' | 'socket';
  coherence: 'sfence' | 'wp';
  balloon: boolean;
}

export interface GuestList { quantumMs?: number; realMem?: number; guests: GuestEntry[] }

const KEYS = new Set(['name', 'kernel', 'initrd', 'mem', 'append', 'smp', 'drives', 'net', 'rng', 'console', 'coherence', 'balloon']);

// A memory size like 128M, 1G, 512K, 128MiB or 64 (MiB), as --mem and "mem" take it (QEMU's
// -m suffixes, binary); null if not one. "128MB" is refused rather than guessed: MB could
// mean 10^6 bytes, and QEMU refuses it too.
export function parseSizeText(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(?:([KMGT])(iB)?)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = { '': 2 ** 20, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 }[(m[2] ?? '').toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'];
  const size = Math.round(Number(m[1]) * unit);
  return Number.isSafeInteger(size) ? size : null;
}

// What to say about a size parseSizeText refused.
export function sizeAdvice(text: string): string {
  const dec = /^(\d+(?:\.\d+)?)\s*([KMGT])B$/i.exec(text.trim());
  if (dec) return `${dec[2].toUpperCase()}B is ambiguous (10^n or 2^n bytes?); write ${dec[1]}${dec[2].toUpperCase()} or ${dec[1]}${dec[2].toUpperCase()}iB (binary units, as QEMU's -m)`;
  return 'not a size; write it like 128M or 1G';
}

export function parseGuestList(text: string, what: string): GuestList {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) { throw new GuestConfigError(`${what}: not JSON (${(e as Error).message}); fix the syntax`); }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { guests?: unknown }).guests)) {
    throw new GuestConfigError(`${what}: expected an object with a "guests" array`);
  }
  const d = doc as { guests: unknown[]; quantumMs?: unknown; realMem?: unknown };
  for (const k of Object.keys(d)) if (k !== 'guests' && k !== 'quantumMs' && k !== 'realMem') throw new GuestConfigError(`${what}: unknown key "${k}"; use "guests", "quantumMs" and "realMem"`);
  let realMem: number | undefined;
  if (d.realMem !== undefined) {
    const size = typeof d.realMem === 'string' ? parseSizeText(d.realMem) : null;
    if (size === null) throw new GuestConfigError(`${what}: "realMem" must be a size like "512M" (the frames all guests may hold together)`);
    realMem = size;
  }
  let quantumMs: number | undefined;
  if (d.quantumMs !== undefined) {
    if (!Number.isInteger(d.quantumMs) || (d.quantumMs as number) < 1 || (d.quantumMs as number) > 10_000) throw new GuestConfigError(`${what}: quantumMs must be a whole number of milliseconds from 1 to 10000`);
    quantumMs = d.quantumMs as number;
  }
  if (d.guests.length === 0) throw new GuestConfigError(`${what}: "guests" is empty; list at least one`);
  const guests = d.guests.map((g, i) => parseGuest(g, `${what}: guest ${i + 1}`, i));
  return { quantumMs, realMem, guests };
}

function parseGuest(g: unknown, where: string, i: number): GuestEntry {
  if (typeof g !== 'object' || g === null || Array.isArray(g)) throw new GuestConfigError(`${where}: expected an object`);
  const o = g as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new GuestConfigError(`${where}: unknown key "${k}"; known: ${[...KEYS].join(', ')}`);
  const str = (k: string, required = false): string | undefined => {
    const v = o[k];
    if (v === undefined) { if (required) throw new GuestConfigError(`${where}: "${k}" is missing`); return undefined; }
    if (typeof v !== 'string' || v === '') throw new GuestConfigError(`${where}: "${k}" must be a non-empty string`);
    return v;
  };
  const bool = (k: string): boolean => {
    const v = o[k];
    if (v === undefined) return false;
    if (typeof v !== 'boolean') throw new GuestConfigError(`${where}: "${k}" must be true or false`);
    return v;
  };
  const name = str('name') ?? `g${i}`;
  const where2 = `${where} (${name})`;
  const memText = str('mem') ?? '128M';
  const memSize = parseSizeText(memText);
  if (memSize === null) throw new GuestConfigError(`${where2}: "mem" ${memText}: ${sizeAdvice(memText)}`);
  const smp = o.smp ?? 1;
  if (!Number.isInteger(smp) || (smp as number) < 1 || (smp as number) > 64) throw new GuestConfigError(`${where2}: "smp" must be a whole number from 1 to 64`);
  const drives = o.drives ?? [];
  if (!Array.isArray(drives) || drives.some((x) => typeof x !== 'string')) throw new GuestConfigError(`${where2}: "drives" must be an array of strings like "file=disk.img"`);
  const console = str('console') ?? 'prefix';
  if (console !== 'prefix' && console !== 'socket') throw new GuestConfigError(`${where2}: "console" must be "prefix" or "socket"`);
  const coherence = str('coherence') ?? 'sfence';
  if (coherence !== 'sfence' && coherence !== 'wp') throw new GuestConfigError(`${where2}: "coherence" must be "sfence" or "wp"`);
  return {
    name, kernel: str('kernel', true)!, initrd: str('initrd'), memSize, append: str('append'), smp: smp as number,
    drives: drives as string[], net: bool('net'), rng: bool('rng'), console, coherence, balloon: bool('balloon'),
  };
}
