/**
 * The face detector: Human's blazeface + facemesh (both MediaPipe models, Apache-2.0) on the tfjs
 * wasm backend, loaded from node_modules with no network. Worker thread only: it replaces the
 * worker's global `fetch` to read `file://` model URLs.
 *
 * Deliberately NOT loaded: Human's `antispoof` and `liveness` models. Their licences are unknown and
 * their scores did not separate replays from real faces (see detector-and-storage.md); the mesh is
 * used only as a gate that rejects non-faces (without it blazeface "finds" faces in a coffee cup).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Human, Config } from '@vladmandic/human';
import { LOCAL_SCREENING_CONFIG } from './config.js';
import type { FaceBox } from './types.js';

const require = createRequire(import.meta.url);

/**
 * Node 20's fetch cannot read file:// URLs, which is how tfjs asks for model files. Anything else is
 * refused: the models and wasm come from node_modules, never from the network.
 */
function installFileFetch(): void {
  globalThis.fetch = async (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file://')) throw new Error(`the face detector may not fetch ${url}: models load from node_modules only`);
    return new Response(await readFile(fileURLToPath(url)));
  };
}

function humanConfig(humanDir: string, wasmDir: string): Partial<Config> {
  const face = LOCAL_SCREENING_CONFIG.face;
  return {
    backend: 'wasm',
    // Defaults point at a CDN and at ./models relative to cwd.
    wasmPath: `${pathToFileURL(wasmDir).href}/`,
    modelBasePath: `${pathToFileURL(path.join(humanDir, 'models')).href}/`,
    debug: false,
    async: true,
    warmup: 'none',
    // Human otherwise re-uses the previous frame's result when frames look alike: each sample must stand alone.
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: {
        enabled: true,
        rotation: false,
        maxDetected: face.maxDetected,
        minConfidence: face.minConfidence,
        skipFrames: 0,
        skipTime: 0,
        return: false,
      },
      mesh: { enabled: true },
      iris: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      attention: { enabled: false },
    } as Config['face'],
    body: { enabled: false } as Config['body'],
    hand: { enabled: false } as Config['hand'],
    object: { enabled: false } as Config['object'],
    gesture: { enabled: false },
    segmentation: { enabled: false } as Config['segmentation'],
  };
}

export interface FaceDetector {
  detect(rgb: Uint8Array, width: number, height: number): Promise<FaceBox[]>;
}

export async function loadFaceDetector(): Promise<FaceDetector> {
  installFileFetch();
  // The package `exports` map hides dist/human.node-wasm.js (its keys lack "./"): resolve the main file and go from there.
  const humanDir = path.dirname(path.dirname(require.resolve('@vladmandic/human')));
  const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  const { Human: HumanClass } = require(path.join(humanDir, 'dist/human.node-wasm.js')) as {
    Human: new (config: Partial<Config>) => Human;
  };
  const human = new HumanClass(humanConfig(humanDir, wasmDir));
  await human.load();

  return {
    async detect(rgb, width, height) {
      const tensor = human.tf.tensor3d(rgb, [height, width, 3], 'int32');
      try {
        const result = await human.detect(tensor);
        return result.face.map((f): FaceBox => {
          const [x, y, w, h] = f.box;
          const ys = f.mesh.map((p) => p[1] ?? 0);
          const xs = f.mesh.map((p) => p[0] ?? 0);
          const hasMesh = ys.length > 0;
          return {
            x,
            y,
            width: w,
            height: h,
            landmarkHeight: hasMesh ? Math.max(...ys) - Math.min(...ys) : h,
            centreX: hasMesh ? (Math.max(...xs) + Math.min(...xs)) / 2 : x + w / 2,
            centreY: hasMesh ? (Math.max(...ys) + Math.min(...ys)) / 2 : y + h / 2,
            score: f.score,
          };
        });
      } finally {
        human.tf.dispose(tensor);
      }
    },
  };
}
