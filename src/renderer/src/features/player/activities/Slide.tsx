import type { StepOf } from '../../../../../shared/pack';
import { LessonText } from '../context';
import { Picture } from './common';

export function Slide({ step }: { step: StepOf<'slide'> }) {
  return (
    <div className={`slide${step.image ? ' with-picture' : ''}`}>
      <div className="slide-text">
        <LessonText as="p" text={step.text} />
      </div>
      {step.image && <Picture image={step.image} />}
    </div>
  );
}
