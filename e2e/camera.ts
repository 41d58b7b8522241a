/** Fake-camera clips for Chromium (`--use-file-for-fake-video-capture`), made from ../shared/fixtures. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, '.cache', 'y4m');

export const sharedFixture = (name: string): string => path.resolve(root, '..', 'shared', 'fixtures', name);

const clip = (name: string, source: string, filter: string) => ({ y4m: path.join(cacheDir, `${name}.y4m`), source, filter });

export const cameraClips = {
  face: clip('face_640x480', 'face_640x480.mp4', 'null'),
  noFace: clip('noface_640x480', 'noface_1280x720.mp4', 'scale=-2:480,crop=640:480'),
  twoFaces: clip('twofaces_640x480', 'twofaces_1280x720.mp4', 'scale=-2:480,crop=640:480'),
};

/** Launch options for a browser whose camera plays `y4m`. */
export function fakeCameraLaunch(y4m: string) {
  return {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  };
}
