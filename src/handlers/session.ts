import type { Core } from '../core';
import type { sessionMethods } from '../shared/contract/session';
import type { CallContext, DomainHandlers } from './types';

/**
 * The live class session. Teacher methods lead it; pupil methods come from a pupil's screen, the
 * pupil always taken from the window's session (never from the input).
 */
export function sessionHandlers(core: Core): DomainHandlers<typeof sessionMethods> {
  const live = core.liveSession;
  const pupilOf = (ctx: CallContext): string | null => (ctx.session.pupil.mode === 'pupil' ? ctx.session.pupil.id : null);
  /** The roll call's "where": each browser window of this host gets a number, in the order it first said hello. */
  const windows = new Map<string, number>();
  const placeOf = (ctx: CallContext): string => {
    if (!windows.has(ctx.session.id)) windows.set(ctx.session.id, windows.size + 1);
    return `window:${windows.get(ctx.session.id)}`;
  };

  return {
    'session.start': (input) => live.start(input),
    'session.end': () => live.end(),
    'session.dashboard': () => live.dashboard(),
    'session.setMode': ({ mode }) => live.setMode(mode),
    'session.goToStep': ({ index }) => live.goToStep(index),
    'session.setStuckMinutes': ({ minutes }) => live.setStuckMinutes(minutes),
    'session.pause': ({ seconds }) => live.pause(seconds),
    'session.resume': () => live.resume(),
    'session.clearHands': ({ pupilId }) => live.clearHands(pupilId),
    'session.startPoll': (input) => live.startPoll(input),
    'session.showResults': ({ show }) => live.showResults(show),
    'session.endPoll': () => live.endPoll(),
    'session.showAnswer': ({ pupilId, hideName }) => live.showAnswer(pupilId, hideName),
    // On a hub, the picture is also sent to the room: a pupil PC that lacks it fetches it (core/hub/distribution).
    'session.openTour': async ({ sha256 }) => {
      const dashboard = live.openTour(sha256);
      if (core.hub.role() === 'hub') await core.distribution.send([], [sha256]);
      return dashboard;
    },
    'session.pointTour': ({ target }) => live.pointTour(target),
    'session.recentreTour': (look) => live.recentreTour(look),
    'session.playTour': (video) => live.playTour(video),
    'session.closeTour': () => live.closeTour(),

    'session.state': () => live.state(),
    // On a pupil PC that follows a hub these go to the hub (core/hub/session/room.ts).
    'session.hello': (_input, ctx) => live.pupilCall('session.hello', { pupilId: pupilOf(ctx) }, () => live.hello(pupilOf(ctx), placeOf(ctx))),
    'session.raiseHand': ({ up }, ctx) => live.pupilCall('session.raiseHand', { pupilId: pupilOf(ctx), up }, () => live.raiseHand(pupilOf(ctx), up)),
    'session.answerPoll': ({ pollId, optionId }, ctx) =>
      live.pupilCall('session.answerPoll', { pupilId: pupilOf(ctx), pollId, optionId }, () => live.answerPoll(pupilOf(ctx), pollId, optionId)),
    'session.tourGaze': (look, ctx) => live.pupilCall('session.tourGaze', { pupilId: pupilOf(ctx), ...look }, () => live.tourGaze(pupilOf(ctx), look)),
  };
}
