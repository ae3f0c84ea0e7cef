import { describe, expect, it } from 'vitest';
import { PacketJourney, splitMessage, MAX_MESSAGE } from '../../src/renderer/src/features/demos/model/packetJourney';
import { WifiSignals, PLAN } from '../../src/renderer/src/features/demos/model/wifi';
import { PhotoCopies } from '../../src/renderer/src/features/demos/model/photos';
import { ALTITUDE_LIMIT_M, FlyDrone, NO_FLY } from '../../src/renderer/src/features/demos/model/drone';
import { LookAround } from '../../src/renderer/src/features/demos/model/lookAround';
import { isLocalImage } from '../../src/renderer/src/features/demos/model/images';

/** Run a model for `seconds` at 30 frames a second. */
function run(model: { tick(dt: number): void }, seconds: number) {
  for (let i = 0; i < seconds * 30; i++) model.tick(1 / 30);
}

describe('a message’s journey', () => {
  it('splits a message into numbered packets of a few characters, Chinese included', () => {
    expect(splitMessage('你好，明天一起放风筝！')).toEqual(['你好，', '明天一', '起放风', '筝！']);
    expect(splitMessage('   ')).toEqual([]);
    expect(splitMessage('x'.repeat(100)).join('')).toHaveLength(MAX_MESSAGE);
  });

  it('delivers every packet and puts them back in number order, some by each fibre line', () => {
    const model = new PacketJourney();
    expect(model.send('Hello, kite friends!')).toBe(true);
    run(model, 20);
    const s = model.snapshot();
    expect(s.complete).toBe(true);
    expect(s.reassembled).toBe('Hello, kite friends!');
    expect(s.packets.some((p) => p.route.includes('fibreA'))).toBe(true);
    expect(s.packets.some((p) => p.route.includes('fibreB'))).toBe(true);
    // Different speeds: they do not all arrive in number order.
    expect(s.arrivals).not.toEqual([...s.arrivals].sort((a, b) => a - b));
  });

  it('re-routes around a cut line, waits when both are cut, and goes on when one is fixed', () => {
    const model = new PacketJourney();
    model.toggleCut('A');
    model.send('abcdefghijkl');
    run(model, 20);
    expect(model.complete).toBe(true);
    expect(model.packets.every((p) => !p.route.includes(3))).toBe(true); // node 3 = fibre A
    model.toggleCut('B');
    model.send('again');
    run(model, 5);
    expect(model.stuck).toBe(true);
    expect(model.complete).toBe(false);
    model.toggleCut('A');
    run(model, 20);
    expect(model.complete).toBe(true);
    expect(model.reassembled()).toBe('again');
  });

  it('turns back a packet that is on a cable when it is cut', () => {
    const model = new PacketJourney();
    model.send('abc');
    // Run until the packet is on the county → fibre line cable, then cut that line.
    for (let i = 0; i < 600 && !(model.packets[0]!.from === 2 && model.packets[0]!.t > 0.2); i++) model.tick(1 / 30);
    const line = model.packets[0]!.to === 3 ? 'A' : 'B';
    model.toggleCut(line);
    expect(model.packets[0]!.to).toBe(2);
    run(model, 20);
    expect(model.complete).toBe(true);
  });

  it('resets to an empty journey', () => {
    const model = new PacketJourney();
    model.toggleCut('B');
    model.send('hi');
    model.reset();
    expect(model.snapshot()).toMatchObject({ message: '', packets: [], cut: [], complete: false });
  });
});

describe('Wi-Fi and signals', () => {
  it('gets weaker with distance and with each wall in between', () => {
    const model = new WifiSignals();
    const near = model.strengthAt(PLAN.router.x + 2, PLAN.router.z);
    const far = model.strengthAt(PLAN.router.x + 8, PLAN.router.z);
    expect(near).toBeGreaterThan(far);
    // The same distance behind the movable wall is weaker than in the open.
    model.placeWall(PLAN.router.x + 3);
    expect(model.wallsBetween(PLAN.router.x + 5, PLAN.router.z - 4)).toBe(1);
    expect(model.strengthAt(PLAN.router.x + 5, PLAN.router.z - 4)).toBeLessThan(model.strengthAt(PLAN.router.x - 0.5, PLAN.router.z - 5.9));
    expect(model.bars).toBeGreaterThanOrEqual(0);
    expect(model.bars).toBeLessThanOrEqual(4);
  });

  it('keeps the neighbours off only while the password lock is on', () => {
    const model = new WifiSignals();
    expect(model.neighbourConnected).toBe(false);
    model.toggleLock();
    expect(model.neighbourConnected).toBe(true);
  });

  it('keeps the tablet and the wall inside the plan', () => {
    const model = new WifiSignals();
    model.placeTablet(1000, -1000);
    expect(model.tablet.x).toBeLessThanOrEqual(PLAN.width / 2);
    expect(model.tablet.z).toBeGreaterThanOrEqual(-PLAN.depth / 2);
    model.placeWall(-1000);
    expect(model.wallX).toBe(PLAN.wall.min);
  });
});

describe('where photos go', () => {
  it('copies a posted photo to servers and phones; deleting removes only your own copy', () => {
    const model = new PhotoCopies();
    model.deleteMine(); // nothing posted yet: nothing happens
    expect(model.deleted).toBe(false);
    model.post();
    run(model, 8);
    expect(model.copies).toEqual(['mine', 'server', 'backup', 'friend1', 'friend2', 'friend3', 'forwarded']);
    model.deleteMine();
    expect(model.copies).toHaveLength(6);
    expect(model.copies).not.toContain('mine');
  });

  it('keeps copying after a quick delete: the server already has it', () => {
    const model = new PhotoCopies();
    model.post();
    run(model, 1.5);
    model.deleteMine();
    run(model, 8);
    expect(model.copies).toContain('friend3');
    expect(model.copies).not.toContain('mine');
  });
});

describe('fly the drone', () => {
  it('stops at the 120 m limit and says so', () => {
    const model = new FlyDrone();
    model.hold('up', true);
    run(model, 15);
    expect(model.altitude).toBe(ALTITUDE_LIMIT_M);
    expect(model.snapshot().notices.altitude).toBe(true);
    expect(model.stopped.altitude).toBe(1);
  });

  it('will not enter the no-fly zone', () => {
    const model = new FlyDrone();
    model.hold('forward', true);
    run(model, 30);
    expect(Math.hypot(model.x - NO_FLY.x, model.z - NO_FLY.z)).toBeGreaterThanOrEqual(NO_FLY.radius);
    expect(model.stopped.noFly).toBe(1);
    expect(model.snapshot().notices.noFly).toBe(true);
  });

  it('turns with a tap and never goes below the ground', () => {
    const model = new FlyDrone();
    model.nudge('left');
    run(model, 1);
    expect(model.heading).toBeGreaterThan(0);
    model.hold('down', true);
    run(model, 3);
    expect(model.altitude).toBeGreaterThanOrEqual(0);
    model.reset();
    expect(model.snapshot()).toMatchObject({ x: 0, z: 0, altitude: 0, heading: 0 });
  });
});

describe('look around', () => {
  it('turns by drag and keys, keeps the pitch in range, and toggles stereo', () => {
    const model = new LookAround();
    model.drag(200, 0, 800);
    expect(model.yaw).toBeCloseTo(Math.PI / 4);
    model.drag(0, 100_000, 800);
    expect(model.pitch).toBeLessThan(Math.PI / 2);
    model.key('ArrowLeft', true);
    run(model, 1);
    model.key('ArrowLeft', false);
    expect(model.yaw).toBeGreaterThan(Math.PI / 4);
    model.key('v', true);
    expect(model.stereo).toBe(true);
    model.reset();
    expect(model.snapshot()).toMatchObject({ yaw: 0, pitch: 0, stereo: false });
  });

  it('accepts only pictures from the app itself', () => {
    expect(isLocalImage('/media/3f2a9c.jpg')).toBe(true);
    expect(isLocalImage('/packs/village-safety/1.0.0/pano.png')).toBe(true);
    expect(isLocalImage('https://example.com/pano.jpg')).toBe(false);
    expect(isLocalImage('//example.com/pano.jpg')).toBe(false);
    expect(isLocalImage('/media/../kite.db')).toBe(false);
    expect(isLocalImage('javascript:alert(1)')).toBe(false);
  });
});
