import { useEffect, useState } from 'react';
import type { AnyDemoModel, ModelOf } from './model';
import { PLAN } from './model/wifi';
import type { DemoId } from './model/types';

/**
 * What each guided step asks the pupil to do, as a test on the demo's model (by step index in
 * demos.<id>.steps). When the pupil has done it, the guide moves on to the next step by itself;
 * steps that only explain have no test and wait for the › button.
 */
const GOALS: { [K in DemoId]: Record<number, (model: ModelOf<K>) => boolean> } = {
  'packet-journey': {
    0: (m) => m.packets.length > 0, // 点“发送”
    5: (m) => m.cut.has('A'), // 点“剪断光纤 A”
  },
  'wifi-signals': {
    2: (m) => Math.hypot(m.tablet.x - PLAN.tabletStart.x, m.tablet.z - PLAN.tabletStart.z) > 1, // move the tablet away
    3: (m) => Math.abs(m.wallX - PLAN.wallStart) > 0.5, // move the wall
  },
  'photo-copies': {
    0: (m) => m.clock >= 0, // 点“发到群里”
    4: (m) => m.deleted, // 点“从我的手机删除”
  },
  'fly-drone': {
    0: (m) => m.altitude > 3, // take off
    1: (m) => m.notices.altitude > 0, // climb to the limit
    2: (m) => m.notices.noFly > 0, // meet the no-fly zone
  },
  'look-around': {
    1: (m) => Math.abs(m.yaw) > 0.2 || Math.abs(m.pitch) > 0.2, // drag or turn
    3: (m) => m.stereo, // 点“双画面”
  },
};

function goalFor(model: AnyDemoModel, step: number): (() => boolean) | undefined {
  const goal = (GOALS[model.id] as Record<number, ((m: AnyDemoModel) => boolean) | undefined>)[step];
  return goal && (() => goal(model));
}

/**
 * The guided steps: the current step, and the move to the next one when the pupil has done what the
 * step asked. A goal already met on arriving (stepping back with ‹) does not push the pupil on again.
 */
export function useGuidedSteps(model: AnyDemoModel, count: number, active: boolean) {
  const [step, setStep] = useState(0);
  useEffect(() => {
    const goal = goalFor(model, step);
    if (!active || !goal || step >= count - 1 || goal()) return;
    const check = () => goal() && setStep((s) => (s === step ? s + 1 : s));
    const unsubscribe = model.subscribe(check);
    // Some goals change every frame without an event (a drag, a climb): look four times a second too.
    const timer = window.setInterval(check, 250);
    return () => {
      unsubscribe();
      window.clearInterval(timer);
    };
  }, [model, step, count, active]);
  return [step, setStep] as const;
}

/**
 * True once the pupil uses the keyboard, false again when they touch the screen: keyboard hints
 * are for keyboard users, not for a child with a finger on a tablet.
 */
export function useKeyboardUser(): boolean {
  const [keyboard, setKeyboard] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => !e.altKey && !e.ctrlKey && !e.metaKey && setKeyboard(true);
    const onPointer = (e: PointerEvent) => e.pointerType !== 'mouse' && setKeyboard(false);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointer, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, []);
  return keyboard;
}
