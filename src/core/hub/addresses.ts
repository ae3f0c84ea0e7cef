import os from 'node:os';

/** This PC's addresses other PCs of the room can use (IPv4, not loopback), best first; 127.0.0.1 when it has none. */
export function lanAddresses(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): string[] {
  const found: string[] = [];
  for (const infos of Object.values(interfaces)) for (const info of infos ?? []) if (info.family === 'IPv4' && !info.internal) found.push(info.address);
  // Private ranges first: 192.168.x and 10.x are what school routers hand out.
  const rank = (a: string) => (a.startsWith('192.168.') ? 0 : a.startsWith('10.') ? 1 : /^172\.(1[6-9]|2\d|3[01])\./.test(a) ? 2 : a.startsWith('169.254.') ? 4 : 3);
  return found.length ? found.sort((a, b) => rank(a) - rank(b)) : ['127.0.0.1'];
}

export function httpsAddress(host: string, port: number): string {
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
