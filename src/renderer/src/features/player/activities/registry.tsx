import type { ComponentType } from 'react';
import type { Step, StepType } from '../../../../../shared/pack';
import { Slide } from './Slide';
import { SingleChoice } from './SingleChoice';
import { MultipleChoice } from './MultipleChoice';
import { TrueFalse } from './TrueFalse';
import { SortBins } from './SortBins';
import { Sequence } from './Sequence';
import { MatchPairs } from './MatchPairs';
import { FindHotspots } from './FindHotspots';
import { ExploreImage } from './ExploreImage';
import { MarkWords } from './MarkWords';
import { FillBlanks } from './FillBlanks';
import { ChatScenario } from './ChatScenario';
import { InteractiveVideo } from './InteractiveVideo';
import { PasswordTester } from './PasswordTester';
import { Flashcards } from './Flashcards';
import { SelfCheck } from './SelfCheck';
import { Demo } from './Demo';

/** One component per step type; the type fails to check if a step type has none. */
const COMPONENTS: { [T in StepType]: ComponentType<{ step: Extract<Step, { type: T }> }> } = {
  slide: Slide,
  'single-choice': SingleChoice,
  'multiple-choice': MultipleChoice,
  'true-false': TrueFalse,
  'sort-bins': SortBins,
  sequence: Sequence,
  'match-pairs': MatchPairs,
  'find-hotspots': FindHotspots,
  'explore-image': ExploreImage,
  'mark-words': MarkWords,
  'fill-blanks': FillBlanks,
  'chat-scenario': ChatScenario,
  'interactive-video': InteractiveVideo,
  'password-tester': PasswordTester,
  flashcards: Flashcards,
  'self-check': SelfCheck,
  demo: Demo,
};

/** The body of a step (without its prompt), keyed so a new step starts fresh. */
export function ActivityBody({ step }: { step: Step }) {
  const Component = COMPONENTS[step.type] as ComponentType<{ step: Step }>;
  return <Component key={step.id} step={step} />;
}
