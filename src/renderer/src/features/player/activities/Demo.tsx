import { useTranslation } from 'react-i18next';
import type { StepOf } from '../../../../../shared/pack';
import { hrefFor } from '../../../app/router';
import { LessonText } from '../context';
import { DemosArt } from '../../../components/icons';

/** A 3D demo step: a card that opens the demo (built by the demos feature); Back returns here. */
export function Demo({ step }: { step: StepOf<'demo'> }) {
  const { t } = useTranslation();
  return (
    <div className="demo-card card">
      <DemosArt />
      <div>
        {step.text && <LessonText as="p" text={step.text} />}
        <a className="primary-link" href={hrefFor('demos', step.demo)}>
          {t('player.demo.open')}
        </a>
      </div>
    </div>
  );
}
