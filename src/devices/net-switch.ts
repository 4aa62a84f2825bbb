// An in-process virtual Ethernet switch: a learning bridge. Each port learns the source MAC
// addresses of the frames it sends; a unicast frame to a learned address goes to that port
// only, anything else (broadcast, multicast, unknown) floods to every other port. Delivery
// is synchronous but breadth-first (frames sent while delivering wait in a bounded queue), so a
// reply sent from inside a receive callback never recurses through the sender.
// NetTestPeer is a minimal host on the switch that answers ARP and ICMP echo for one IPv4
// address, so a guest can `ping` it without any host networking.
import { parseMac, type NetPort } from './virtio-net';

const MIN_FRAME = 14; // an Ethernet header
const MAX_LEARNED = 4096; // MAC table entries; the oldest is forgotten beyond this
const MAX_QUEUED = 1024; // frames waiting while a delivery is in progress

export class NetSwitch {
  private readonly ports: SwitchPort[] = [];
  private readonly table = new Map<number, SwitchPort>(); // MAC (48-bit number) -> port
  private readonly queue: Array<[SwitchPort, Uint8Array]> = [];
  private delivering = false;
  dropped = 0;

  // A new port, for a NIC or a test peer.
  connect(): NetPort {
    const p = new SwitchPort(this);
    this.ports.push(p);
    return p;
  }

  // Where frames to `mac` would go now: the port that last sent from it, if any.
  portFor(mac: Uint8Array): NetPort | undefined { return this.table.get(macKey(mac, 0)); }

  /** @internal */
  forward(from: SwitchPort, frame: Uint8Array): void {
    if (frame.length < MIN_FRAME) { this.dropped++; return; }
    if (this.queue.length >= MAX_QUEUED) { this.dropped++; return; }
    this.queue.push([from, frame.slice()]); // the sender may reuse its buffer
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) this.switchFrame(item[0], item[1]);
    } finally {
      this.delivering = false;
    }
  }

  private switchFrame(from: SwitchPort, frame: Uint8Array): void {
    const src = macKey(frame, 6);
    if (!(frame[6] & 1)) { // group addresses are never a source
      this.table.delete(src); // re-insert: Map order is then least recently seen first
      this.table.set(src, from);
      if (this.table.size > MAX_LEARNED) this.table.delete(this.table.keys().next().value!);
    }
    const to = frame[0] & 1 ? undefined : this.table.get(macKey(frame, 0));
    if (to) {
      if (to !== from) to.deliver(frame);
      return;
    }
    // Every port owns what it gets: the ingress copy goes to the first, copies (made before
    // anyone can change the frame) to the rest.
    const targets = this.ports.filter((p) => p !== from);
    const copies = targets.map((_, i) => (i === 0 ? frame : frame.slice()));
    targets.forEach((p, i) => p.deliver(copies[i]));
  }
}

class SwitchPort implements NetPort {
  private receivers: Array<(frame: Uint8Array) => void> = [];
  constructor(private readonly sw: NetSwitch) {}
  send(frame: Uint8Array): void { this.sw.forward(this, frame); }
  onReceive(cb: (frame: Uint8Array) => void): void { this.receivers.push(cb); }
  deliver(frame: Uint8Array): void {
    // Copies are made before any receiver runs, since a receiver owns (and may change) its frame.
    const copies = this.receivers.map((_, i) => (i === 0 ? frame : frame.slice()));
    this.receivers.forEach((cb, i) => cb(copies[i]));
  }
}

function macKey(b: Uint8Array, at: number): number {
  return b[at] * 2 ** 40 + b[at + 1] * 2 ** 32 + ((b[at + 2] << 24) >>> 0) + (b[at + 3] << 16) + (b[at + 4] << 8) + b[at + 5];
}

export function parseIpv4(s: string): Uint8Array {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw new RangeError(`bad IPv4 address ${s}`);
  return Uint8Array.from(parts.map(Number));
}

// The Internet checksum (RFC 1071) of b[start, end).
export function inetChecksum(b: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1];
  if ((end - start) & 1) sum += b[end - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

const ETH_ARP = 0x0806;
const ETH_IPV4 = 0x0800;

// A host with one MAC and one IPv4 address that answers ARP requests for its address and
// ICMP echo requests sent to it, and ignores everything else.
export class NetTestPeer {
  readonly mac: Uint8Array;
  readonly ip: Uint8Array;
  readonly port: NetPort;
  readonly stats = { received: 0, arpReplies: 0, echoReplies: 0 };

  constructor(sw: NetSwitch, opts: { mac: Uint8Array | string; ip: Uint8Array | string }) {
    this.mac = typeof opts.mac === 'string' ? parseMac(opts.mac) : Uint8Array.from(opts.mac);
    this.ip = typeof opts.ip === 'string' ? parseIpv4(opts.ip) : Uint8Array.from(opts.ip);
    this.port = sw.connect();
    this.port.onReceive((f) => this.receive(f));
  }

  private receive(f: Uint8Array): void {
    this.stats.received++;
    const type = (f[12] << 8) | f[13];
    if (type === ETH_ARP) this.arp(f);
    else if (type === ETH_IPV4) this.ipv4(f);
  }

  // RFC 826: Ethernet/IPv4 request (op 1) whose target protocol address is ours.
  private arp(f: Uint8Array): void {
    if (f.length < 42) return;
    const a = 14;
    const isEthIp = f[a] === 0 && f[a + 1] === 1 && f[a + 2] === 8 && f[a + 3] === 0 && f[a + 4] === 6 && f[a + 5] === 4;
    if (!isEthIp || f[a + 6] !== 0 || f[a + 7] !== 1 || !equal(f.subarray(a + 24, a + 28), this.ip)) return;
    const r = new Uint8Array(42);
    r.set(f.subarray(6, 12), 0); // to the asker
    r.set(this.mac, 6);
    r[12] = 0x08; r[13] = 0x06;
    r.set(f.subarray(a, a + 6), a); // htype, ptype, hlen, plen
    r[a + 7] = 2; // reply
    r.set(this.mac, a + 8); // sender: us
    r.set(this.ip, a + 14);
    r.set(f.subarray(a + 8, a + 18), a + 18); // target: the asker's MAC and IP
    this.stats.arpReplies++;
    this.port.send(r);
  }

  // RFC 792 echo request (type 8) to our address, unfragmented: the same data comes back.
  private ipv4(f: Uint8Array): void {
    const ip = 14;
    if (f.length < ip + 20 || f[ip] >> 4 !== 4) return;
    const ihl = (f[ip] & 15) * 4;
    const total = (f[ip + 2] << 8) | f[ip + 3];
    if (ihl < 20 || total < ihl + 8 || ip + total > f.length) return;
    if (((f[ip + 6] << 8) | f[ip + 7]) & 0x3fff) return; // a fragment (MF or an offset)
    if (f[ip + 9] !== 1 || !equal(f.subarray(ip + 16, ip + 20), this.ip)) return;
    const icmp = ip + ihl;
    if (f[icmp] !== 8 || f[icmp + 1] !== 0) return;
    const r = f.slice(0, ip + total); // drop Ethernet padding
    r.set(f.subarray(6, 12), 0);
    r.set(this.mac, 6);
    r.set(f.subarray(ip + 16, ip + 20), ip + 12); // from us
    r.set(f.subarray(ip + 12, ip + 16), ip + 16); // to the pinger
    r[ip + 8] = 64; // TTL
    r[ip + 10] = r[ip + 11] = 0;
    const ipSum = inetChecksum(r, ip, ip + ihl);
    r[ip + 10] = ipSum >> 8; r[ip + 11] = ipSum & 0xff;
    r[icmp] = 0; // echo reply
    r[icmp + 2] = r[icmp + 3] = 0;
    const icmpSum = inetChecksum(r, icmp, ip + total);
    r[icmp + 2] = icmpSum >> 8; r[icmp + 3] = icmpSum & 0xff;
    this.stats.echoReplies++;
    this.port.send(r);
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
