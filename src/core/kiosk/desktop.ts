import { KiteError } from '../../shared/errors';
import type { GpuInfo, KioskStatus } from '../../shared/kiosk';
import type { StartupWarning } from '../../shared/warnings';
import type { PinCaller, TeacherPin } from '../auth/pin';
import type { Logger } from '../log/logger';

/**
 * The one home for what only the Electron shell can do. Two ports: HostHooks are given when the
 * core is made (before any window); a DesktopShell is attached once the window exists. The
 * browser host gives neither.
 */
export interface HostHooks {
  /** Keep the display awake while a video plays (Electron's powerSaveBlocker). */
  keepAwake?(on: boolean): void;
  /** Electron: allow the microphone only while the teacher records (narration.microphone). */
  microphone?(on: boolean): void;
}

export interface DesktopShell {
  kiosk: boolean;
  /** Leave kiosk mode and quit the app. */
  exitKiosk(): void;
  gpuInfo(): GpuInfo;
}

export interface Desktop {
  attach(shell: DesktopShell): void;
  kioskStatus(): KioskStatus;
  /** Checks the teacher PIN, then asks the shell to leave kiosk mode. */
  exitKiosk(pin: string, caller: PinCaller): void;
  gpuInfo(): GpuInfo | undefined;
  /** A problem the shell saw (e.g. the screen crashed and was reloaded): logged and shown in health().warnings. */
  note(warning: StartupWarning): void;
  notes(): StartupWarning[];
  /** Ask the shell to keep the screen awake; unsupported where it cannot (then the page asks for a wake lock itself). */
  keepAwake(on: boolean): { supported: boolean };
  /** Open or close the shell's microphone gate; unsupported in the browser host (the browser asks the user itself). */
  microphone(on: boolean): { supported: boolean };
}

export function createDesktop(pin: TeacherPin, log: Logger, hooks: HostHooks = {}): Desktop {
  let shell: DesktopShell | undefined;
  const notes: StartupWarning[] = [];
  return {
    attach(next) {
      shell = next;
    },
    kioskStatus: () => ({ desktop: shell !== undefined, kiosk: shell?.kiosk ?? false }),
    exitKiosk(candidate, caller) {
      // Refuse before checking the PIN, so a browser user cannot spend the teacher's tries.
      if (!shell?.kiosk) {
        throw new KiteError('kiosk_unavailable', shell ? 'The app is not in kiosk mode.' : 'Leaving kiosk mode only applies in the desktop app.');
      }
      pin.verify(candidate, caller);
      log.info('kiosk exit with the teacher PIN');
      shell.exitKiosk();
    },
    gpuInfo: () => shell?.gpuInfo(),
    note(warning) {
      notes.push(warning);
      log.error(warning.text);
    },
    notes: () => [...notes],
    keepAwake(on) {
      if (!hooks.keepAwake) return { supported: false };
      hooks.keepAwake(on);
      return { supported: true };
    },
    microphone(on) {
      if (!hooks.microphone) return { supported: false };
      hooks.microphone(on);
      return { supported: true };
    },
  };
}
