// The in-process Ethernet switch (learning bridge) and the ARP/ICMP test peer, without virtio.
import { describe, expect, it } from 'vitest';
import { NetSwitch, NetTestPeer, inetChecksum, parseIpv4 } from '../src/devices/net-switch';
import { parseMac, formatMac, type NetPort } from '../src/devices/virtio-net';

const mac = (n: number) => Uint8Array.of(0x52, 0x54, 0, 0, 0, n);
const BCAST = new Uint8Array(6).fill(0xff);

function frame(dst: Uint8Array, src: Uint8Array, tag = 0, len = 60): Uint8Array {
  const f = new Uint8Array(len);
  f.set(dst, 0);
  f.set(src, 6);
  f[12] = 0x88; f[13] = 0xb5; // local experimental ethertype
  f[14] = tag;
  return f;
}

function station(sw: NetSwitch) {
  const port = sw.connect();
  const got: Uint8Array[] = [];
  port.onReceive((f) => got.push(f));
  return { port, got, tags: () => got.map((f) => f[14]) };
}

describe('NetSwitch', () => {
  it('floods unknown and broadcast destinations to every other port', () => {
    const sw = new NetSwitch();
    const [a, b, c] = [station(sw), station(sw), station(sw)];
    a.port.send(frame(BCAST, mac(1), 1));
    a.port.send(frame(mac(9), mac(1), 2)); // nobody has sent from 9
    expect(a.tags()).toEqual([]);
    expect(b.tags()).toEqual([1, 2]);
    expect(c.tags()).toEqual([1, 2]);
  });

  it('learns source addresses and then forwards unicast to one port', () => {
    const sw = new NetSwitch();
    const [a, b, c] = [station(sw), station(sw), station(sw)];
    b.port.send(frame(BCAST, mac(2), 1)); // b is mac 2
    a.port.send(frame(mac(2), mac(1), 2));
    expect(b.tags()).toEqual([2]);
    expect(c.tags()).toEqual([1]); // only the broadcast
    expect(sw.portFor(mac(2))).toBe(b.port);
    expect(sw.portFor(mac(1))).toBe(a.port);
    // A station that moves is relearned.
    c.port.send(frame(BCAST, mac(2), 3));
    a.port.send(frame(mac(2), mac(1), 4));
    expect(c.tags()).toEqual([1, 4]);
    expect(b.tags()).toEqual([2, 3]); // the broadcast, not the unicast
  });

  it('multicast destinations flood; group source addresses are not learned', () => {
    const sw = new NetSwitch();
    const [a, b] = [station(sw), station(sw)];
    const group = Uint8Array.of(0x01, 0, 0x5e, 0, 0, 1);
    a.port.send(frame(group, mac(1), 1));
    expect(b.tags()).toEqual([1]);
    b.port.send(frame(mac(3), group, 2)); // a bogus group source
    expect(sw.portFor(group)).toBeUndefined();
  });

  it('never sends a frame back out of the port it came from', () => {
    const sw = new NetSwitch();
    const [a, b] = [station(sw), station(sw)];
    a.port.send(frame(BCAST, mac(1), 1));
    a.port.send(frame(mac(1), mac(7), 2)); // to a's own address, from a
    expect(a.tags()).toEqual([]);
    expect(b.tags()).toEqual([1]);
  });

  it('drops runts shorter than an Ethernet header', () => {
    const sw = new NetSwitch();
    const [a, b] = [station(sw), station(sw)];
    a.port.send(new Uint8Array(13));
    expect(b.got).toEqual([]);
    expect(sw.dropped).toBe(1);
  });

  it('copies frames: the sender may reuse its buffer and receivers do not share', () => {
    const sw = new NetSwitch();
    const [a, b, c] = [station(sw), station(sw), station(sw)];
    const f = frame(BCAST, mac(1), 5);
    a.port.send(f);
    f[14] = 99;
    expect(b.tags()).toEqual([5]);
    b.got[0][14] = 42;
    expect(c.tags()).toEqual([5]);
  });

  it('replies sent from a receive callback are delivered after the current frame (no recursion)', () => {
    const sw = new NetSwitch();
    const order: string[] = [];
    const a = sw.connect();
    const b = sw.connect();
    const c = sw.connect();
    a.onReceive((f) => order.push(`a${f[14]}`));
    b.onReceive((f) => {
      order.push(`b${f[14]}`);
      if (f[14] === 1) b.send(frame(BCAST, mac(2), 2));
    });
    c.onReceive((f) => order.push(`c${f[14]}`));
    a.send(frame(BCAST, mac(1), 1));
    expect(order).toEqual(['b1', 'c1', 'a2', 'c2']);
  });

  it('a port with several receivers gives each its own copy', () => {
    const sw = new NetSwitch();
    const a = sw.connect();
    const b = sw.connect();
    const seen: Uint8Array[] = [];
    b.onReceive((f) => { seen.push(f); f[14] = 0xee; });
    b.onReceive((f) => seen.push(f));
    a.send(frame(BCAST, mac(1), 3));
    expect(seen[1][14]).toBe(3);
  });
});

describe('NetTestPeer', () => {
  const GUEST = mac(0x56);
  const GUEST_IP = parseIpv4('10.0.2.15');

  function setup() {
    const sw = new NetSwitch();
    const peer = new NetTestPeer(sw, { mac: '52:55:0a:00:02:02', ip: '10.0.2.2' });
    const guest: NetPort = sw.connect();
    const got: Uint8Array[] = [];
    guest.onReceive((f) => got.push(f));
    return { sw, peer, guest, got };
  }

  function arp(targetIp: string, op = 1): Uint8Array {
    const f = new Uint8Array(60); // padded to the Ethernet minimum, as NICs send it
    f.set(BCAST, 0);
    f.set(GUEST, 6);
    f.set([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, op], 12);
    f.set(GUEST, 22);
    f.set(GUEST_IP, 28);
    f.set(parseIpv4(targetIp), 38);
    return f;
  }

  function ping(dstIp: string, opts: { type?: number; frag?: number; payload?: number } = {}): Uint8Array {
    const payload = opts.payload ?? 56;
    const total = 20 + 8 + payload;
    const f = new Uint8Array(14 + total);
    f.set(parseMac('52:55:0a:00:02:02'), 0);
    f.set(GUEST, 6);
    f.set([0x08, 0x00], 12);
    f.set([0x45, 0, total >> 8, total & 0xff, 0xab, 0xcd, (opts.frag ?? 0x4000) >> 8, (opts.frag ?? 0x4000) & 0xff, 64, 1], 14);
    f.set(GUEST_IP, 26);
    f.set(parseIpv4(dstIp), 30);
    const s = inetChecksum(f, 14, 34);
    f[24] = s >> 8; f[25] = s & 0xff;
    f[34] = opts.type ?? 8;
    f.set([0xbe, 0xef, 0, 1], 38);
    for (let i = 0; i < payload; i++) f[42 + i] = i;
    const c = inetChecksum(f, 34, f.length);
    f[36] = c >> 8; f[37] = c & 0xff;
    return f;
  }

  it('answers an ARP request for its address', () => {
    const { guest, got, peer } = setup();
    guest.send(arp('10.0.2.2'));
    expect(got.length).toBe(1);
    const r = got[0];
    expect(r.length).toBe(42);
    expect(r.slice(0, 6)).toEqual(GUEST);
    expect(formatMac(r.slice(6, 12))).toBe('52:55:0a:00:02:02');
    expect([...r.slice(12, 22)]).toEqual([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 2]);
    expect(formatMac(r.slice(22, 28))).toBe('52:55:0a:00:02:02');
    expect([...r.slice(28, 32)]).toEqual([10, 0, 2, 2]);
    expect(r.slice(32, 38)).toEqual(GUEST);
    expect(r.slice(38, 42)).toEqual(GUEST_IP);
    expect(peer.stats.arpReplies).toBe(1);
  });

  it('ignores ARP for other addresses and ARP replies', () => {
    const { guest, got } = setup();
    guest.send(arp('10.0.2.3'));
    guest.send(arp('10.0.2.2', 2));
    expect(got).toEqual([]);
  });

  it('answers ICMP echo with a valid echo reply carrying the same data', () => {
    const { guest, got, peer } = setup();
    const req = ping('10.0.2.2');
    guest.send(req);
    expect(got.length).toBe(1);
    const r = got[0];
    expect(r.length).toBe(req.length);
    expect(r.slice(0, 6)).toEqual(GUEST);
    expect([...r.slice(26, 30)]).toEqual([10, 0, 2, 2]);
    expect(r.slice(30, 34)).toEqual(GUEST_IP);
    expect(r[34]).toBe(0);
    expect(r.slice(38)).toEqual(req.slice(38)); // id, sequence, data
    expect(inetChecksum(r, 14, 34)).toBe(0);
    expect(inetChecksum(r, 34, r.length)).toBe(0);
    expect(peer.stats.echoReplies).toBe(1);
    // odd payload length exercises the checksum's last byte
    guest.send(ping('10.0.2.2', { payload: 33 }));
    expect(inetChecksum(got[1], 34, got[1].length)).toBe(0);
  });

  it('ignores pings to other addresses, other ICMP types, fragments and truncated packets', () => {
    const { guest, got } = setup();
    guest.send(ping('10.0.2.9'));
    guest.send(ping('10.0.2.2', { type: 0 }));
    guest.send(ping('10.0.2.2', { frag: 0x2000 })); // more fragments
    guest.send(ping('10.0.2.2').slice(0, 40));
    expect(got).toEqual([]);
  });

  it('inetChecksum matches RFC 1071\'s example', () => {
    const data = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
    expect(inetChecksum(data, 0, data.length)).toBe(~0xddf2 & 0xffff);
  });

  it('parses and formats addresses', () => {
    expect(formatMac(parseMac('52-54-00-AB-cd-0f'))).toBe('52:54:00:ab:cd:0f');
    expect(() => parseMac('52:54:00:ab:cd')).toThrow(RangeError);
    expect(() => parseIpv4('10.0.2.256')).toThrow(RangeError);
    expect([...parseIpv4('192.168.1.7')]).toEqual([192, 168, 1, 7]);
  });
});
