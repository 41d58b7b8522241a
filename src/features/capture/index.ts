/**
 * The capture feature's public face: the app mounts the open page (`/`) and the page bound to a
 * session (`/s/:clientToken`); everything else stays inside. Its rooms (machine/, camera/,
 * guidance/, recording/, fitting/, upload/, session/, components/) and how effects are bound to the
 * machine's states: the README's Architecture section and capture-effects.ts.
 */
export { OpenCapturePage } from './open-page';
export { SessionCapturePage } from './session/session-page';
