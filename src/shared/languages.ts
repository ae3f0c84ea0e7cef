/** Languages the UI and lessons ship in; zh-CN first (the default). No zod here: the renderer imports it. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
