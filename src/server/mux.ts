import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** TLS records start with this byte (a handshake); an HTTP request starts with a letter. */
const TLS_HANDSHAKE = 0x16;
const FIRST_BYTE_MS = 10_000;

/**
 * One port for the hub: HTTPS for the other PCs and headsets of the room (the room API, the headset
 * pages), plain HTTP for this PC's own browser. The first byte of each connection tells which; plain
 * HTTP from another machine gets only the headset's first page (src/core/hub/headset/explain.ts), so
 * the app's screens, the PIN and session cookies never cross the network in clear.
 */
export function createHubListener(local: http.Server, room: { certPem: string; keyPem: string; handler: http.RequestListener; plain: http.RequestListener }, isLoopback: (address: string | undefined) => boolean): { listener: net.Server; closeAll(): void } {
  const tls = https.createServer({ cert: room.certPem, key: room.keyPem, minVersion: 'TLSv1.2' }, room.handler);
  // Another machine's plain HTTP gets one page (a headset's first visit: how to pass the certificate warning), no keep-alive.
  const plain = http.createServer({ requestTimeout: 10_000 }, (req, res) => {
    res.shouldKeepAlive = false;
    room.plain(req, res);
  });
  // The two servers never listen themselves, so they cannot close these connections: the listener keeps them.
  const sockets = new Set<net.Socket>();
  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setTimeout(FIRST_BYTE_MS, () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE) tls.emit('connection', socket);
      else if (isLoopback(socket.remoteAddress)) local.emit('connection', socket);
      else plain.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });
  return { listener, closeAll: () => sockets.forEach((socket) => socket.destroy()) };
}
