/** Bumped whenever a message changes shape; a client that speaks another version is refused at connect. */
export const PROTOCOL_VERSION = 2
