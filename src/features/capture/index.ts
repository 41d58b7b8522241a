/** The capture feature's public face: the app mounts the page; everything else stays inside. */
export { CapturePage } from './capture-page';
