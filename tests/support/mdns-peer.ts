// Run inside a network namespace by tests/unit/hub-discovery.test.ts: advertise a hub, or list the hubs found, as JSON on stdout.
import { advertiseHub, findHubs } from '../../src/core/hub/discovery';

const [mode, name, port] = process.argv.slice(2);
if (mode === 'advertise') {
  const ad = advertiseHub({ name: name ?? 'Room', port: Number(port), hubId: '0123456789abcdef-hub', fingerprint: Array.from({ length: 32 }, (_, i) => (i + 16).toString(16).toUpperCase()).join(':') });
  process.stdout.write('advertising\n');
  process.on('SIGTERM', () => void ad.stop().then(() => process.exit(0)));
} else {
  void findHubs(Number(port ?? 4000)).then((hubs) => process.stdout.write(JSON.stringify(hubs) + '\n'));
}
