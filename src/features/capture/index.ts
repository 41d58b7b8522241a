/**
 * The capture feature's public face: the app mounts the page; everything else stays inside. Its
 * rooms (machine/, camera/, guidance/, recording/, fitting/, upload/, components/) and how effects
 * are bound to the machine's states: the README's Architecture section and capture-effects.ts.
 */
export { CapturePage } from './capture-page';
