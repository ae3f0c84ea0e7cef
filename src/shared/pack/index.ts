// The lesson-pack format (.kpack): schemas shared by the importer, the CLI, the player and the
// JSON Schema files under schemas/.
export * from './text';
export * from './steps';
export * from './lesson';
export * from './manifest';
export * from './check';
export * from './answers';
export * from './subtitles';
export * from './files';
