import { useApp } from '../../lib/store';
import { PinGate } from './PinGate';
import { TeacherConsole } from './TeacherConsole';

/** Behind the teacher PIN; the handlers check the role again, this only decides what to show. */
export function TeacherScreen() {
  const session = useApp((s) => s.session);
  if (!session) return null;
  return session.role === 'teacher' ? <TeacherConsole /> : <PinGate session={session} />;
}
