import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { playableSource } from '../gallery/facts';

/** The tour's gallery item on this screen, with the address to show it at (a video's playable copy); an error while this PC lacks it. */
export function useTourPicture(sha256: string) {
  return useAsync(async () => {
    const item = await api.invoke('media.get', { ref: sha256 });
    const source = item.kind === 'video' ? await playableSource(item) : null;
    return { item, url: source?.url ?? item.url };
  });
}
