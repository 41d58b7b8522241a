/**
 * Where the face detector's files live on our origin, and a way to start their download early. A
 * module of its own (no tasks-vision import) so the consent screen in the first load can use it.
 */
const BASE = import.meta.env.BASE_URL; // always ends with '/'

/** Folder holding vision_wasm_internal.{js,wasm} (and the no-SIMD pair). No trailing slash. */
export const MEDIAPIPE_WASM_PATH = `${BASE}mediapipe/wasm`;
export const FACE_MODEL_PATH = `${BASE}models/face_detection_short_range_with_metadata.tflite`;

/** The module tasks-vision's FilesetResolver validates to choose its SIMD build (same bytes). */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** The wasm binary FilesetResolver.forVisionTasks will pick on this browser. */
export function detectorWasmUrl(): string {
  const simd = WebAssembly.validate(SIMD_PROBE);
  return `${MEDIAPIPE_WASM_PATH}/vision_wasm${simd ? '' : '_nosimd'}_internal.wasm`;
}

/**
 * Starts the wasm binary and the model downloading now and side by side (tasks-vision asks for the
 * model only once the wasm is running). `<link rel=preload as=fetch crossorigin>` matches the
 * same-origin fetch()es tasks-vision makes later, which then take the preloaded responses.
 */
export function preloadDetectorFiles(doc: Document = document): void {
  for (const href of [detectorWasmUrl(), FACE_MODEL_PATH]) {
    if (doc.head.querySelector(`link[rel="preload"][href="${href}"]`)) continue;
    const link = doc.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = href;
    doc.head.append(link);
  }
}
