// Plain constants (no zod) so the renderer's first screen can use them without the schemas.

/** Original avatars drawn for the app (animals and objects, no people). */
export const AVATARS = ['cat', 'dog', 'rabbit', 'panda', 'fish', 'bird', 'frog', 'bear', 'fox', 'owl', 'turtle', 'bee', 'kite', 'rocket', 'sunflower', 'boat'] as const;
export type Avatar = (typeof AVATARS)[number];

/** Pictures for the optional 3-picture password of older classes. */
export const PICTURES = ['sun', 'moon', 'star', 'tree', 'apple', 'car', 'house', 'ball', 'heart'] as const;
