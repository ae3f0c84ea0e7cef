import { useEffect } from 'react';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import type { InstalledPack, LessonSummary } from '../../../../shared/contract';
import type { Shelf, ShelfLesson } from '../../../../shared/contract/progress';

/** A lesson as one pupil sees it: where it is, and how far they got. */
export interface ShelfEntry {
  pack: InstalledPack;
  lesson: LessonSummary;
  state: { status: 'done'; stars: number } | { status: 'in-progress'; step: number | null } | { status: 'new' };
  assigned: boolean;
  /** Made for the pupil's grade (every lesson when the grade is unknown). */
  forGrade: boolean;
  updatedAt: string;
}

const key = (packId: string, lessonId: string) => `${packId}/${lessonId}`;

function stateOf(p: ShelfLesson | undefined): ShelfEntry['state'] {
  if (p?.status === 'done') return { status: 'done', stars: p.stars };
  if (p?.status === 'in-progress') return { status: 'in-progress', step: p.step };
  return { status: 'new' };
}

/** Every installed lesson with this pupil's progress, the class's lessons first. */
export function shelfEntries(packs: InstalledPack[], shelf: Shelf): ShelfEntry[] {
  const progress = new Map(shelf.lessons.map((l) => [key(l.packId, l.lessonId), l]));
  const assigned = shelf.assigned.map((a) => key(a.packId, a.lessonId));
  const entries = packs.flatMap((pack) =>
    pack.lessons.map((lesson): ShelfEntry => {
      const mine = progress.get(key(pack.id, lesson.id));
      return {
        pack,
        lesson,
        state: stateOf(mine),
        assigned: assigned.includes(key(pack.id, lesson.id)),
        forGrade: shelf.grade === null || (lesson.grades.from <= shelf.grade && shelf.grade <= lesson.grades.to),
        updatedAt: mine?.updatedAt ?? '',
      };
    }),
  );
  const rank = (e: ShelfEntry) => (e.assigned ? assigned.indexOf(key(e.pack.id, e.lesson.id)) : assigned.length);
  return entries.sort((a, b) => rank(a) - rank(b));
}

/**
 * The one lesson the home screen offers: the one the pupil was last in the middle of, else the
 * first not done that the teacher gave the class, else the first not done for their grade.
 */
export function nextLesson(entries: ShelfEntry[]): ShelfEntry | undefined {
  const started = entries.filter((e) => e.state.status === 'in-progress').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return started[0] ?? entries.find((e) => e.assigned && e.state.status !== 'done') ?? entries.find((e) => e.forGrade && e.state.status !== 'done');
}

/** The installed packs and the signed-in pupil's shelf, reloaded when packs change. */
export function useShelf() {
  const loaded = useAsync(async () => {
    const [packs, shelf] = await Promise.all([api.invoke('packs.list'), api.invoke('pupils.shelf')]);
    return { packs, entries: shelfEntries(packs, shelf), graded: shelf.grade !== null };
  });
  const { reload } = loaded;
  useEffect(() => api.on('packs.changed', () => reload()), [reload]);
  return loaded;
}
