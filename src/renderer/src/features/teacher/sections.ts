import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * The teacher console's sections, shown as tabs (#/teacher/<id>). A feature adds its section
 * here: an id, a label key in its locale file, and a lazily loaded component.
 */
export interface TeacherSection {
  id: string;
  labelKey: string;
  Component: LazyExoticComponent<ComponentType>;
}

export const teacherSections: TeacherSection[] = [
  { id: 'overview', labelKey: 'teacher.tabs.overview', Component: lazy(() => import('./OverviewSection')) },
  { id: 'drone-videos', labelKey: 'gallery.teacher.tab', Component: lazy(() => import('../gallery/DroneVideosSection')) },
];
