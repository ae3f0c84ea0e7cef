import { useEffect, useState } from 'react';
import type { MediaItem, ScanEntry } from '../../../../shared/contract';
import { canDecode } from './facts';

/** How a video will play on this PC: as it is, from the card's small copy (DJI .LRF), or not at all. */
export type Playback = 'original' | 'proxy' | 'none';

/** Videos sharing a format and container decode alike: ask the browser once for each. */
const answers = new Map<string, Promise<boolean>>();
function decodesHere(kind: MediaItem['kind'], codec: string | null, ext: string): Promise<boolean> {
  const key = `${kind}|${ext}|${codec}`;
  let answer = answers.get(key);
  if (!answer) answers.set(key, (answer = canDecode({ kind, codec, ext })));
  return answer;
}

export async function playbackOf(item: Pick<MediaItem, 'kind' | 'codec' | 'ext' | 'proxyUrl'>): Promise<Playback> {
  if (await decodesHere(item.kind, item.codec, item.ext)) return 'original';
  return item.proxyUrl ? 'proxy' : 'none';
}

/** A scanned video, before it is copied: the same answer the gallery will give once it is imported. */
export function scanPlayback(entry: ScanEntry): Promise<Playback> {
  const ext = entry.path.slice(entry.path.lastIndexOf('.') + 1).toLowerCase();
  return playbackOf({ kind: entry.kind, codec: entry.codec ?? null, ext, proxyUrl: entry.lrf ?? null });
}

/** How each thing will play on this PC, by key (undefined while the browser is asked about this list). */
export function usePlayback<T>(things: T[] | undefined, keyOf: (thing: T) => string, playback: (thing: T) => Promise<Playback>): Map<string, Playback> | undefined {
  const [result, setResult] = useState<{ of: T[]; map: Map<string, Playback> }>();
  useEffect(() => {
    let live = true;
    if (things) void Promise.all(things.map(async (thing) => [keyOf(thing), await playback(thing)] as const)).then((pairs) => live && setResult({ of: things, map: new Map(pairs) }));
    return () => {
      live = false;
    };
    // keyOf and playback are plain functions of the thing: only a new list asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [things]);
  return result && result.of === things ? result.map : undefined;
}
