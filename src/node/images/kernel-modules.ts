// The kernel's module index: each module's .modinfo (depends=, softdep=, alias=), the
// modules.dep / modules.alias / modules.softdep files depmod would write, and the order modprobe
// would load a list of modules in. Debian's package ships no modules.dep (depmod makes it when
// the package is installed), so rvisor writes one. No Node API here.
import { GuestImagesError } from './error';

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export interface ModuleInfo {
  /** the module's name (name=, else the file name with - as _) */
  name: string;
  /** its path relative to lib/modules/<release>, e.g. kernel/fs/ext4/ext4.ko.xz */
  path: string;
  depends: string[];
  softdepPre: string[];
  softdepPost: string[];
  aliases: string[];
}

/** The key=value strings of a module's .modinfo section (ELF64 little-endian relocatable). */
export function readModinfo(elf: Uint8Array): [string, string][] {
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  if (elf.length < 64 || dv.getUint32(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) throw new GuestImagesError('not an ELF64 little-endian file');
  const shoff = Number(dv.getBigUint64(0x28, true));
  const shentsize = dv.getUint16(0x3a, true);
  const shnum = dv.getUint16(0x3c, true);
  const shstrndx = dv.getUint16(0x3e, true);
  if (shoff + shnum * shentsize > elf.length || shstrndx >= shnum) throw new GuestImagesError('section headers out of the file');
  const sec = (i: number) => {
    const at = shoff + i * shentsize;
    return { name: dv.getUint32(at, true), offset: Number(dv.getBigUint64(at + 0x18, true)), size: Number(dv.getBigUint64(at + 0x20, true)) };
  };
  const strtab = sec(shstrndx);
  const dec = new TextDecoder();
  const cstr = (at: number) => {
    let end = at;
    while (end < elf.length && elf[end] !== 0) end++;
    return dec.decode(elf.subarray(at, end));
  };
  for (let i = 0; i < shnum; i++) {
    const s = sec(i);
    if (cstr(strtab.offset + s.name) !== '.modinfo') continue;
    if (s.offset + s.size > elf.length) throw new GuestImagesError('.modinfo out of the file');
    return dec
      .decode(elf.subarray(s.offset, s.offset + s.size))
      .split('\0')
      .filter((kv) => kv.includes('='))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]);
  }
  return [];
}

/** Module names treat - and _ alike; the kernel and depmod use _. */
export const normalizeModuleName = (n: string): string => n.replace(/-/g, '_');

export function moduleInfo(path: string, modinfo: [string, string][]): ModuleInfo {
  const get = (k: string) => modinfo.filter(([key]) => key === k).map(([, v]) => v);
  const fileName = normalizeModuleName(basename(path).replace(/\.ko(\.xz)?$/, ''));
  const info: ModuleInfo = {
    name: get('name')[0] ?? fileName,
    path,
    depends: get('depends').flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean),
    softdepPre: [],
    softdepPost: [],
    aliases: get('alias'),
  };
  for (const sd of get('softdep')) {
    let into: string[] | undefined;
    for (const word of sd.split(/\s+/).filter(Boolean)) {
      if (word === 'pre:') into = info.softdepPre;
      else if (word === 'post:') into = info.softdepPost;
      else into?.push(word);
    }
  }
  return info;
}

/** modules.dep, modules.alias and modules.softdep as depmod writes them. */
export function depmodFiles(modules: ModuleInfo[], order: string[] = []): { dep: string; alias: string; softdep: string } {
  const byName = new Map(modules.map((m) => [normalizeModuleName(m.name), m]));
  const rank = new Map(order.map((p, i) => [p.replace(/\.xz$/, ''), i]));
  const sorted = [...modules].sort((a, b) => {
    const ra = rank.get(a.path.replace(/\.xz$/, '')) ?? Infinity;
    const rb = rank.get(b.path.replace(/\.xz$/, '')) ?? Infinity;
    return ra - rb || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  });
  const closure = (m: ModuleInfo): ModuleInfo[] => {
    const seen = new Set<ModuleInfo>();
    const out: ModuleInfo[] = [];
    const visit = (x: ModuleInfo) => {
      for (const d of x.depends) {
        const dm = byName.get(normalizeModuleName(d));
        if (dm && !seen.has(dm)) {
          seen.add(dm);
          visit(dm);
          out.push(dm); // dependencies before what needs them
        }
      }
    };
    visit(m);
    return out.reverse(); // modprobe loads the list from its end
  };
  const dep = sorted.map((m) => `${m.path}:${closure(m).map((d) => ` ${d.path}`).join('')}\n`).join('');
  const alias =
    '# Aliases extracted from modules themselves.\n' +
    sorted.flatMap((m) => m.aliases.map((a) => `alias ${a} ${normalizeModuleName(m.name)}\n`)).join('');
  const softdep =
    '# Soft dependencies extracted from modules themselves.\n' +
    sorted
      .filter((m) => m.softdepPre.length || m.softdepPost.length)
      .map((m) => `softdep ${normalizeModuleName(m.name)}${m.softdepPre.length ? ` pre: ${m.softdepPre.join(' ')}` : ''}${m.softdepPost.length ? ` post: ${m.softdepPost.join(' ')}` : ''}\n`)
      .join('');
  return { dep, alias, softdep };
}

/** What modules.dep, modules.alias, modules.softdep and modules.builtin say, for load planning. */
export interface ModuleIndex {
  /** module name → its path and the paths of its dependencies in modules.dep's order */
  modules: Map<string, { path: string; deps: string[] }>;
  aliases: { pattern: string; module: string }[];
  softdeps: Map<string, { pre: string[]; post: string[] }>;
  builtin: Set<string>;
}

export const nameOfPath = (p: string) => normalizeModuleName(basename(p).replace(/\.ko(\.xz|\.zst|\.gz)?$/, ''));

export function parseModuleIndex(files: { dep: string; alias?: string; softdep?: string; builtin?: string }): ModuleIndex {
  const index: ModuleIndex = { modules: new Map(), aliases: [], softdeps: new Map(), builtin: new Set() };
  for (const line of files.dep.split('\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const path = line.slice(0, i).trim();
    index.modules.set(nameOfPath(path), { path, deps: line.slice(i + 1).split(/\s+/).filter(Boolean) });
  }
  for (const line of (files.alias ?? '').split('\n')) {
    const m = /^alias\s+(\S+)\s+(\S+)/.exec(line);
    if (m) index.aliases.push({ pattern: m[1], module: normalizeModuleName(m[2]) });
  }
  for (const line of (files.softdep ?? '').split('\n')) {
    const m = /^softdep\s+(\S+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const sd = { pre: [] as string[], post: [] as string[] };
    let into: string[] | undefined;
    for (const w of m[2].split(/\s+/).filter(Boolean)) {
      if (w === 'pre:') into = sd.pre;
      else if (w === 'post:') into = sd.post;
      else into?.push(w);
    }
    index.softdeps.set(normalizeModuleName(m[1]), sd);
  }
  for (const line of (files.builtin ?? '').split('\n')) if (line.trim()) index.builtin.add(nameOfPath(line.trim()));
  return index;
}

/** fnmatch-style match of a module alias pattern (*, ?, [...]). */
function aliasMatches(pattern: string, name: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === name;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(name);
}

/**
 * The module files to insmod, in order, for `names` (module names or aliases), as modprobe
 * would: each module's soft "pre:" dependencies, its modules.dep dependencies (from the end of
 * the list), itself, then its "post:" dependencies. Built-in modules are skipped; a name that is
 * neither a module, an alias nor built in throws.
 */
export function moduleLoadOrder(index: ModuleIndex, names: readonly string[]): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const byPath = new Map([...index.modules.values()].map((m) => [m.path, m]));
  const resolve = (name: string, optional: boolean): string[] => {
    const n = normalizeModuleName(name);
    if (index.modules.has(n)) return [n];
    if (index.builtin.has(n)) return [];
    const hits = index.aliases.filter((a) => aliasMatches(normalizeModuleName(a.pattern), n)).map((a) => a.module);
    if (hits.length) return [...new Set(hits)].filter((h) => index.modules.has(h));
    if (optional) return [];
    throw new GuestImagesError(`no kernel module or alias named ${name}`);
  };
  const load = (name: string, stack: string[]) => {
    if (done.has(name) || stack.includes(name)) return;
    const m = index.modules.get(name)!;
    const sd = index.softdeps.get(name);
    for (const pre of sd?.pre ?? []) for (const x of resolve(pre, true)) load(x, [...stack, name]);
    for (const dep of [...m.deps].reverse()) {
      const dn = nameOfPath(dep);
      if (!done.has(dn)) {
        if (byPath.has(dep) || index.modules.has(dn)) load(dn, [...stack, name]);
      }
    }
    if (!done.has(name)) {
      done.add(name);
      order.push(m.path);
    }
    for (const post of sd?.post ?? []) for (const x of resolve(post, true)) load(x, [...stack, name]);
  };
  for (const n of names) for (const x of resolve(n, false)) load(x, []);
  return order;
}

