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
  { id: 'session', labelKey: 'session.tab', Component: lazy(() => import('../session/SessionSection')) },
  { id: 'lessons', labelKey: 'packs.tab', Component: lazy(() => import('../packs/LessonsSection')) },
  { id: 'assign', labelKey: 'assign.tab', Component: lazy(() => import('../packs/AssignSection')) },
  { id: 'lesson-notes', labelKey: 'curriculum.tab', Component: lazy(() => import('../curriculum/LessonNotesSection')) },
  { id: 'classes', labelKey: 'classes.tab', Component: lazy(() => import('../progress/ClassesSection')) },
  { id: 'progress', labelKey: 'progress.tab', Component: lazy(() => import('../progress/ProgressSection')) },
  { id: 'drone-videos', labelKey: 'gallery.teacher.tab', Component: lazy(() => import('../gallery/DroneVideosSection')) },
  { id: 'health', labelKey: 'kiosk.health.tab', Component: lazy(() => import('../kiosk/HealthSection')) },
  { id: 'maintenance', labelKey: 'progress.maintenance.tab', Component: lazy(() => import('../progress/MaintenanceSection')) },
];
