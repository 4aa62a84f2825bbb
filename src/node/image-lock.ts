// Advisory locks on disk images, as QEMU takes them: one writer, or any number of readers
// (readonly=on and snapshot=on read; anything else writes). A second writer, or a reader next to
// a writer, is refused whether it is in this process or another rvisor.
//
// Node has no flock() or fcntl() locks, and a native addon or a helper process is not wanted, so
// the lock is a directory beside the image, `IMAGE.lock/`, holding one entry per holder:
// `write-PID-TOKEN` or `read-PID-TOKEN`, whose text names the process (pid, host, the kernel's
// boot id, the process's start time). Every entry has a name no one else will ever use, so no
// entry is ever taken over or rewritten, and the protocol needs no mutex:
//   1. announce: write the entry under a temporary name and rename it into place (atomic, so
//      an entry is never seen half written);
//   2. look: list the directory; an entry whose process is gone (dead pid, another boot, or a
//      pid reused by a process that started later) is stale and removed; a live writer (or, for
//      a writer, any live entry) is a conflict;
//   3. on a conflict, withdraw the entry. Two processes that announce at the same moment both
//      see each other (each looks after it announced), so at most one goes on; both back off
//      for a random moment and look again a few times before giving up, so one of them wins.
// Release removes the entry and the directory once empty. Entries are removed on every exit
// (exit-hooks.ts); SIGKILL leaves one behind, which the next run finds stale.
//
// Limits: QEMU's own locks (OFD byte-range locks on the image) do not see these, nor do these
// see QEMU's; a hard link to the image under another name is another lock (this process still
// refuses it: it compares device and inode); on a network filesystem shared by several hosts an
// entry from another host is taken as live (its pid cannot be checked).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync, realpathSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { UserError } from '../machine/machine';
import { onExit } from './exit-hooks';

export type LockMode = 'read' | 'write';

export class ImageLockError extends UserError {}

interface Holder { pid: number; host: string; boot: string; start: string; mode: LockMode; since: string }

const ENTRY = /^(read|write)-(\d+)-[0-9a-f]+$/;

function tryRead(path: string): string | null {
  try { return readFileSync(path, 'utf8').trim(); } catch { return null; }
}

// Identifies this process beyond its pid: Linux's boot id and the process's start time (clock
// ticks since boot, field 22 of /proc/PID/stat), so a pid reused after a crash is not mistaken
// for the holder. Elsewhere both are empty and the pid alone decides.
const BOOT_ID = tryRead('/proc/sys/kernel/random/boot_id') ?? '';
function startTime(pid: number): string {
  const stat = tryRead(`/proc/${pid}/stat`) ?? '';
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
  return rest.length > 19 ? rest[19] : '';
}
const SELF: Omit<Holder, 'mode' | 'since'> = { pid: process.pid, host: hostname(), boot: BOOT_ID, start: startTime(process.pid) };

/** Whether the process that wrote `h` may still be running (when in doubt: yes). */
export function holderAlive(h: Holder): boolean {
  if (h.host !== SELF.host) return true; // another machine's pid cannot be checked
  if (h.boot && SELF.boot && h.boot !== SELF.boot) return false; // written before a reboot
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = h.start ? startTime(h.pid) : '';
  return !(now && now !== h.start); // the pid now belongs to a process that started later
}

function parseHolder(text: string, name: string): Holder {
  const m = ENTRY.exec(name)!;
  try {
    const h = JSON.parse(text) as Holder;
    if (typeof h.pid === 'number' && (h.mode === 'read' || h.mode === 'write')) return h;
  } catch { /* fall through: judge by the name */ }
  return { pid: Number(m[2]), host: SELF.host, boot: '', start: '', mode: m[1] as LockMode, since: '?' };
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** A lock held on one image by this process. */
export class ImageLock {
  private released = false;
  private readonly dropHook: () => void;

  private constructor(readonly dir: string, private readonly entry: string | null) {
    this.dropHook = onExit(() => this.release());
  }

  /**
   * Takes the lock on the image at `path` (which must exist) or throws ImageLockError naming
   * the holder. If the lock directory cannot be made (a read-only directory), returns an
   * unlocked handle after calling `notice`.
   */
  static acquire(path: string, mode: LockMode, what: string, notice: (msg: string) => void): ImageLock {
    const dir = realpathSync(path) + '.lock';
    const token = randomBytes(6).toString('hex');
    const entry = `${mode}-${process.pid}-${token}`;
    const tmp = join(dir, `.tmp-${process.pid}-${token}`);
    const me: Holder = { ...SELF, mode, since: new Date().toISOString() };
    // Registered before the entry exists, so the signal handlers are in place before it can be
    // seen (a SIGINT delivered in between would otherwise end the process by default and leave it).
    const undo = onExit(() => {
      for (const f of [tmp, join(dir, entry)]) { try { unlinkSync(f); } catch { /* not made */ } }
      try { rmdirSync(dir); } catch { /* used, or gone */ }
    });
    try {
      return ImageLock.take(dir, entry, tmp, me, mode, what, notice);
    } finally {
      undo();
    }
  }

  private static take(dir: string, entry: string, tmp: string, me: Holder, mode: LockMode, what: string, notice: (msg: string) => void): ImageLock {
    for (let attempt = 0; ; attempt++) {
      try {
        mkdirSync(dir);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
          notice(`${what}: cannot create the lock ${dir} (${code}); this run does not lock the image, so another rvisor could write to it meanwhile`);
          return new ImageLock(dir, null);
        }
        if (code !== 'EEXIST') throw new ImageLockError(`${what}: cannot create the lock ${dir}: ${(e as Error).message}`);
        if (!statSync(dir).isDirectory()) throw new ImageLockError(`${what}: ${dir} is in the way of rvisor's lock directory; remove it if no rvisor uses the image`);
      }
      try {
        writeFileSync(tmp, JSON.stringify(me) + '\n');
        renameSync(tmp, join(dir, entry));
      } catch (e) {
        try { unlinkSync(tmp); } catch { /* not made */ }
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 10) continue; // the directory was just removed by a holder leaving
        throw new ImageLockError(`${what}: cannot write the lock ${dir}: ${(e as Error).message}`);
      }
      const conflict = ImageLock.look(dir, entry, mode);
      if (!conflict) return new ImageLock(dir, entry);
      try { unlinkSync(join(dir, entry)); } catch { /* gone */ }
      // A holder that announced itself a moment ago may be racing us: back off and look again.
      const young = Date.now() - Date.parse(conflict.since) < 2000;
      if (young && attempt < 6) { sleep(5 + Math.floor(Math.random() * 60)); continue; }
      try { rmdirSync(dir); } catch { /* still used */ }
      const theirs = conflict.mode === 'write' ? 'writing to it' : 'reading it';
      const rule = mode === 'write'
        ? (conflict.mode === 'write' ? 'a disk image has one writer at a time' : 'a writer needs the image to itself')
        : 'a reader (readonly=on, snapshot=on) cannot share the image with a writer';
      const host = conflict.host !== SELF.host ? ` on ${conflict.host}` : '';
      throw new ImageLockError(`${what}: in use: rvisor pid ${conflict.pid}${host} is ${theirs} (lock ${dir}); ${rule}; stop that run first`);
    }
  }

  // The first live entry that conflicts with holding `mode`; removes stale entries on the way.
  private static look(dir: string, mine: string, mode: LockMode): Holder | null {
    for (const name of readdirSync(dir)) {
      if (name === mine) continue;
      const path = join(dir, name);
      if (!ENTRY.test(name)) {
        // A temporary entry of a process that died between writing and renaming it.
        const pid = /^\.tmp-(\d+)-/.exec(name)?.[1];
        if (pid && !holderAlive({ pid: Number(pid), host: SELF.host, boot: '', start: '', mode: 'read', since: '' })) {
          try { unlinkSync(path); } catch { /* someone else removed it */ }
        }
        continue;
      }
      let text = '';
      try {
        text = readFileSync(path, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // its holder just left
      }
      const h = parseHolder(text, name);
      if (!holderAlive(h)) {
        try { unlinkSync(path); } catch { /* someone else removed it */ }
        continue;
      }
      if (mode === 'write' || h.mode === 'write') return h;
    }
    return null;
  }

  /** Gives the lock up (idempotent). */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.dropHook();
    if (!this.entry) return;
    try { unlinkSync(join(this.dir, this.entry)); } catch { /* already gone */ }
    try { rmdirSync(this.dir); } catch { /* other holders, or gone */ }
  }
}

// This process's open images, by device and inode (so two names for one file are one image).
const open = new Map<string, { mode: LockMode; what: string; users: number; lock: ImageLock }>();

/**
 * Locks the image whose fstat is `st` for this process: refuses a second writer (or a reader
 * next to a writer) in this process at once, then takes the lock other processes see. The
 * returned function releases this use.
 */
export function lockImage(path: string, st: { dev: number; ino: number }, mode: LockMode, what: string, notice: (msg: string) => void): () => void {
  const key = `${st.dev}:${st.ino}`;
  const held = open.get(key);
  if (held) {
    if (mode === 'write' || held.mode === 'write') {
      throw new ImageLockError(`${what}: the same image is already ${held.mode === 'write' ? 'written' : 'read'} by ${held.what} in this run; a disk image has one writer, or readers only (readonly=on, snapshot=on)`);
    }
    held.users++;
  } else {
    open.set(key, { mode, what, users: 1, lock: ImageLock.acquire(path, mode, what, notice) });
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const h = open.get(key);
    if (h && --h.users === 0) {
      open.delete(key);
      h.lock.release();
    }
  };
}
