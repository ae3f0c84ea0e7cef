// Plain constants (no zod) so the renderer's first screen can use them without the schemas.

/** Original pictures drawn for the app's avatars (animals and objects, no people). */
export const AVATAR_PICTURES = [
  'cat', 'dog', 'rabbit', 'panda', 'fish', 'bird', 'frog', 'bear', 'fox', 'owl', 'turtle', 'bee', 'kite', 'rocket', 'sunflower', 'boat',
  'duck', 'pig', 'elephant', 'lion', 'sheep', 'snail', 'whale', 'butterfly',
] as const;
export type AvatarPicture = (typeof AVATAR_PICTURES)[number];

/** Each picture also comes on two other coloured discs, so a big class still has a different avatar for every pupil. */
export const AVATAR_COLOURS = ['blue', 'green'] as const;
export type AvatarColour = (typeof AVATAR_COLOURS)[number];

export type Avatar = AvatarPicture | `${AvatarPicture}-${AvatarColour}`;

/** Every avatar: the pictures on their own disc first, then on the blue and the green disc (the order new pupils get them). */
export const AVATARS = [...AVATAR_PICTURES, ...AVATAR_COLOURS.flatMap((c) => AVATAR_PICTURES.map((p) => `${p}-${c}` as const))] as [Avatar, ...Avatar[]];

/** An avatar's picture and disc colour (undefined: the picture's own colour). */
export function avatarParts(avatar: string): { picture: AvatarPicture; colour?: AvatarColour } {
  const [picture, colour] = avatar.split('-') as [AvatarPicture, AvatarColour | undefined];
  return colour ? { picture, colour } : { picture };
}

/**
 * The avatar a new pupil gets: one nobody in the class has (in AVATARS order), else the least
 * used. `taken` are the class's avatars now.
 */
export function freeAvatar(taken: Iterable<string>): Avatar {
  const used = new Map<string, number>();
  for (const a of taken) used.set(a, (used.get(a) ?? 0) + 1);
  let best: Avatar = AVATARS[0];
  for (const a of AVATARS) if ((used.get(a) ?? 0) < (used.get(best) ?? 0)) best = a;
  return best;
}

/** Pictures for the optional 3-picture password of older classes. */
export const PICTURES = ['sun', 'moon', 'star', 'tree', 'apple', 'car', 'house', 'ball', 'heart'] as const;
