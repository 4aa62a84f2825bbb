// A GDB Remote Serial Protocol stub (gdb's manual, "Remote Protocol"): fed the bytes gdb sends,
// it emits the bytes to answer, and drives a DebugTarget. All-stop mode: every hart is a thread
// (thread id = hart + 1); a stop of one stops all. No Node API here: the transport (a TCP
// socket in src/node/gdb-server.ts) is the caller's.
//
// Served: qSupported (PacketSize, qXfer:features:read, swbreak/hwbreak stop reasons, no-ack
// mode), the target description, ?, g/G, p/P, m/M/X, c/s/C/S, vCont (c, s, per thread), Z0-Z4
// and z0-z4 (software breakpoints are debug-table entries, not ebreak patched into memory),
// H, T, qC, qfThreadInfo/qsThreadInfo, qThreadExtraInfo, qAttached, D, k and Ctrl-C.
import { targetXml } from './target-xml';
import type { DebugTarget, PointKind, StopReason } from './target';

const PACKET_SIZE = 0x4000;
const POINTS: PointKind[] = ['sw', 'hw', 'write', 'read', 'access'];

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const enc = new TextEncoder();

function toHexLE(v: bigint, bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes; i++) s += hex2(Number((v >> BigInt(8 * i)) & 0xffn));
  return s;
}
function fromHexLE(s: string): bigint {
  let v = 0n;
  for (let i = s.length - 2; i >= 0; i -= 2) v = (v << 8n) | BigInt(parseInt(s.slice(i, i + 2), 16));
  return v;
}
function hexBytes(b: Uint8Array): string { let s = ''; for (const x of b) s += hex2(x); return s; }
function parseHexBytes(s: string): Uint8Array | undefined {
  if (s.length % 2 || /[^0-9a-fA-F]/.test(s)) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
// Binary data in a packet: '}' escapes the next byte (xor 0x20), and so must '#', '$', '}', '*'.
function unescapeBinary(b: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) out.push(b[i] === 0x7d && i + 1 < b.length ? b[++i] ^ 0x20 : b[i]);
  return Uint8Array.from(out);
}
function escapeBinary(s: string): string {
  return s.replace(/[#$}*]/g, (c) => '}' + String.fromCharCode(c.charCodeAt(0) ^ 0x20));
}
const isHex = (s: string) => /^[0-9a-fA-F]+$/.test(s);

export class GdbStub {
  private buf: number[] = [];
  private inPacket = false;
  private noAck = false;
  private lastSent = '';
  private swbreak = false; // gdb understands the swbreak/hwbreak stop reasons
  private hwbreak = false;
  private running = false; // a c/vCont;c waits for its stop reply
  private exited = false;
  private gThread = 0; // thread of g/p/m (hart), chosen with Hg
  private cThread = -1; // thread of c/s (hart, -1 = any), chosen with Hc
  private stopHart = 0; // the hart of the last stop
  private readonly xml: string;

  constructor(
    private readonly target: DebugTarget,
    private readonly out: (bytes: Uint8Array) => void,
    private readonly onDetach: (kill: boolean) => void = () => {},
  ) {
    this.xml = targetXml(target.registers);
    target.onStop = (r) => this.stopped(r);
  }

  /** A debugger connected: the machine stops (as QEMU does), and answers `?` from there. */
  connected(): void {
    this.target.halt();
    this.running = false;
    this.stopHart = this.target.currentHart;
    this.gThread = this.stopHart;
  }

  /** The connection went away without D or k: drop the points and let the machine run. */
  disconnected(): void {
    if (this.exited) return;
    this.target.clearPoints();
    this.target.resume();
    this.running = false;
  }

  /** The machine ended (power-off, exit): gdb hears "exited" if it waits for a stop. */
  targetExited(code: number): void {
    if (this.exited) return;
    this.exited = true;
    if (this.running) this.send(`W${hex2(code & 0xff)}`);
    this.running = false;
  }

  receive(data: Uint8Array): void {
    for (const b of data) {
      if (!this.inPacket) {
        if (b === 0x24) { this.inPacket = true; this.buf = []; } // '$'
        else if (b === 0x03) this.interrupt();
        else if (b === 0x2d && this.lastSent) this.out(enc.encode(this.lastSent)); // '-': send again
        continue; // '+' and noise
      }
      this.buf.push(b);
      const n = this.buf.length;
      if (n >= 3 && this.buf[n - 3] === 0x23) { // '#' and two checksum digits
        this.inPacket = false;
        const body = Uint8Array.from(this.buf.slice(0, n - 3));
        const sum = parseInt(String.fromCharCode(this.buf[n - 2], this.buf[n - 1]), 16);
        let cs = 0;
        for (const x of body) cs = (cs + x) & 0xff;
        if (!this.noAck) this.out(enc.encode(cs === sum ? '+' : '-'));
        if (cs === sum) this.packet(body);
      }
    }
  }

  private send(body: string): void {
    let cs = 0;
    for (let i = 0; i < body.length; i++) cs = (cs + body.charCodeAt(i)) & 0xff;
    const pkt = `$${body}#${hex2(cs)}`;
    this.lastSent = pkt;
    // bodies are ASCII, or binary (qXfer) already escaped; latin1 keeps bytes as they are
    const bytes = new Uint8Array(pkt.length);
    for (let i = 0; i < pkt.length; i++) bytes[i] = pkt.charCodeAt(i) & 0xff;
    this.out(bytes);
  }

  private interrupt(): void {
    if (!this.running || this.exited) return;
    this.target.halt();
    this.stopped({ kind: 'signal', hart: this.target.currentHart, signal: 2 });
  }

  // A stop while gdb waits for one (the machine is paused already).
  private stopped(r: StopReason): void {
    if (!this.running) return;
    this.running = false;
    this.send(this.stopReply(r));
  }

  private stopReply(r: StopReason): string {
    this.stopHart = r.hart;
    this.gThread = r.hart;
    const thread = `thread:${(r.hart + 1).toString(16)};`;
    switch (r.kind) {
      case 'signal': return `T${hex2(r.signal)}${thread}`;
      case 'break': {
        const why = r.hw ? (this.hwbreak ? 'hwbreak:;' : '') : (this.swbreak ? 'swbreak:;' : '');
        return `T05${why}${thread}`;
      }
      case 'watch': {
        const name = r.point === 'write' ? 'watch' : r.point === 'read' ? 'rwatch' : 'awatch';
        return `T05${name}:${r.addr.toString(16)};${thread}`;
      }
    }
  }

  // A thread id from gdb: -1 = all, 0 = any, else hart + 1. Returns a hart, -1 for all/any,
  // or undefined for a thread that does not exist.
  private hartOf(tid: string): number | undefined {
    if (tid === '-1' || tid === '0') return -1;
    const t = tid.startsWith('p') ? tid.split('.')[1] ?? '1' : tid; // multiprocess form p1.t
    if (t === undefined || !isHex(t)) return undefined;
    const h = parseInt(t, 16) - 1;
    return h >= 0 && h < this.target.harts ? h : undefined;
  }

  private packet(body: Uint8Array): void {
    const text = String.fromCharCode(...body.subarray(0, Math.min(body.length, 256)));
    if (this.exited && text !== '?' && !text.startsWith('q')) { this.send('E01'); return; }
    const reply = this.dispatch(text, body);
    if (reply !== null) this.send(reply);
  }

  // Returns the reply, or null when it comes later (a continue) or never (k).
  private dispatch(text: string, body: Uint8Array): string | null {
    const t = this.target;
    const full = () => String.fromCharCode(...body);
    switch (text[0]) {
      case '?':
        if (this.exited) return 'W00';
        return `T05thread:${(this.stopHart + 1).toString(16)};`;
      case 'g': {
        let s = '';
        for (let r = 0; r <= 32; r++) s += toHexLE(t.readRegister(this.gThread, r) ?? 0n, 8);
        return s;
      }
      case 'G': {
        const s = full().slice(1);
        for (let r = 0; r <= 32 && (r + 1) * 16 <= s.length; r++) t.writeRegister(this.gThread, r, fromHexLE(s.slice(r * 16, r * 16 + 16)));
        return 'OK';
      }
      case 'p': {
        const n = parseInt(text.slice(1), 16);
        const info = t.registers.find((r) => r.regnum === n);
        const v = info ? t.readRegister(this.gThread, n) : undefined;
        return info && v !== undefined ? toHexLE(v, info.bits / 8) : 'E45';
      }
      case 'P': {
        const [n, v] = full().slice(1).split('=');
        if (!isHex(n) || !v || !isHex(v)) return 'E01';
        return t.writeRegister(this.gThread, parseInt(n, 16), fromHexLE(v)) ? 'OK' : 'E45';
      }
      case 'm': {
        const m = /^m([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(text);
        if (!m) return 'E01';
        const len = Math.min(parseInt(m[2], 16), PACKET_SIZE / 2 - 8);
        const data = t.readMemory(this.gThread, BigInt('0x' + m[1]), len);
        return data ? hexBytes(data) : 'E14';
      }
      case 'M': {
        const s = full();
        const m = /^M([0-9a-fA-F]+),([0-9a-fA-F]+):([0-9a-fA-F]*)$/.exec(s);
        const data = m ? parseHexBytes(m[3]) : undefined;
        if (!m || !data || data.length !== parseInt(m[2], 16)) return 'E01';
        return t.writeMemory(this.gThread, BigInt('0x' + m[1]), data) ? 'OK' : 'E14';
      }
      case 'X': {
        const colon = body.indexOf(0x3a);
        const m = colon > 0 ? /^X([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(String.fromCharCode(...body.subarray(0, colon))) : null;
        if (!m) return 'E01';
        const data = unescapeBinary(body.subarray(colon + 1));
        if (data.length !== parseInt(m[2], 16)) return 'E01';
        return data.length === 0 || t.writeMemory(this.gThread, BigInt('0x' + m[1]), data) ? 'OK' : 'E14';
      }
      case 'c': case 'C': this.resume(); return null;
      case 's': case 'S': return this.stopReply(t.step(this.cThread >= 0 ? this.cThread : this.stopHart));
      case 'Z': case 'z': {
        const m = /^[Zz]([0-9]),([0-9a-fA-F]+),([0-9a-fA-F]+)/.exec(text);
        if (!m) return 'E01';
        if (Number(m[1]) >= POINTS.length) return ''; // not a kind this stub knows
        const kind = POINTS[Number(m[1])];
        const addr = BigInt('0x' + m[2]);
        const len = parseInt(m[3], 16);
        const ok = text[0] === 'Z' ? t.addPoint(kind, addr, len) : t.removePoint(kind, addr, len);
        return ok ? 'OK' : text[0] === 'Z' ? 'E01' : 'OK';
      }
      case 'H': {
        const h = this.hartOf(text.slice(2));
        if (h === undefined) return 'E01';
        if (text[1] === 'g') this.gThread = h < 0 ? this.stopHart : h;
        else if (text[1] === 'c') this.cThread = h;
        return 'OK';
      }
      case 'T': return this.hartOf(text.slice(1)) !== undefined ? 'OK' : 'E01';
      case 'D':
        t.clearPoints();
        t.resume();
        this.send('OK');
        this.onDetach(false);
        return null;
      case 'k':
        this.exited = true;
        t.kill();
        this.onDetach(true);
        return null;
      case 'v': return this.vPacket(text);
      case 'q': case 'Q': return this.query(text);
    }
    return '';
  }

  private resume(): void {
    this.running = true;
    this.target.resume();
  }

  private vPacket(text: string): string | null {
    if (text === 'vCont?') return 'vCont;c;C;s;S';
    if (text.startsWith('vCont;')) {
      // The first action naming one thread (or applying to all) decides. A step runs only its
      // hart; the others stay stopped (gdb lets them run meanwhile only to be fair to them).
      for (const a of text.slice(6).split(';')) {
        const [action, tid] = a.split(':');
        const h = tid === undefined ? -1 : this.hartOf(tid);
        if (h === undefined) return 'E01';
        if (action[0] === 's' || action[0] === 'S') {
          return this.stopReply(this.target.step(h >= 0 ? h : this.stopHart));
        }
        if (action[0] === 'c' || action[0] === 'C') { this.resume(); return null; }
      }
      return 'E01';
    }
    return '';
  }

  private query(text: string): string | null {
    const t = this.target;
    if (text.startsWith('qSupported')) {
      const features = text.split(':')[1]?.split(';') ?? [];
      this.swbreak = features.includes('swbreak+');
      this.hwbreak = features.includes('hwbreak+');
      return `PacketSize=${PACKET_SIZE.toString(16)};qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+`;
    }
    if (text === 'QStartNoAckMode') { this.send('OK'); this.noAck = true; return null; }
    if (text.startsWith('qXfer:features:read:')) {
      const m = /^qXfer:features:read:([^:]+):([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(text);
      if (!m) return 'E01';
      if (m[1] !== 'target.xml') return 'E00';
      const off = parseInt(m[2], 16), len = parseInt(m[3], 16);
      const chunk = this.xml.slice(off, off + len);
      return (off + len >= this.xml.length ? 'l' : 'm') + escapeBinary(chunk);
    }
    if (text === 'qC') return `QC${(this.stopHart + 1).toString(16)}`;
    if (text === 'qfThreadInfo') return 'm' + Array.from({ length: t.harts }, (_, h) => (h + 1).toString(16)).join(',');
    if (text === 'qsThreadInfo') return 'l';
    if (text === 'qAttached' || text.startsWith('qAttached:')) return '1';
    if (text.startsWith('qThreadExtraInfo,')) {
      const h = this.hartOf(text.slice(17));
      if (h === undefined || h < 0) return 'E01';
      return hexBytes(enc.encode(`hart ${h}${t.hartStarted(h) ? '' : ' (stopped)'}`));
    }
    if (text === 'qSymbol::') return 'OK';
    return '';
  }
}
