// The demos feature. DemoView is what a lesson's `demo` step renders; three.js inside it is loaded on demand.
export { DemoView, type DemoViewProps, type DemoOptions } from './DemoView';
export { DemosScreen } from './DemosScreen';
