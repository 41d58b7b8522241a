/**
 * Every number the capture guidance and auto-start use, with the reason beside it. Pure data.
 *
 * Units: "S" is the frame's short side in pixels (480 for 640×480, the width for a portrait
 * frame), so sizes and offsets mean the same thing at any resolution and orientation.
 *
 * Calibration: the e2e fake-camera clips (e2e/camera.ts) plus variants of the good clip made with
 * ffmpeg (darkened, dimmed, brightened, gblur sigma 5 and 10, shifted 200 px, a 640×480 crop of
 * the 720p clip for a close face), each played through Chromium 156's fake camera on the 2-vCPU
 * box, 130–250 frames through tasks-vision BlazeFace and a 64×48 canvas sample. Measured values
 * are quoted beside each threshold. The good clip (face_640x480, 250 frames = two loops): 1 face
 * in 250/250 frames, box 0.244–0.321 S (117–154 px), centre x 0.439–0.512 W, y 0.335–0.397 H,
 * mean luma 127–130, relative sharpness 0.58–0.80, yaw −0.11…−0.01, roll 0.5–14.1°, pitch ratio
 * 0.46–0.58: `ready` on every frame. No-face clip: no_face on 244/250 raw frames, the 6 cup
 * false positives fail size/centring (move_back, move_up) and never survive the hint filter.
 * Two-faces clip: multiple_faces on 250/250. darkened → too_dark, brightened → too_bright,
 * sigma-10 blur → blurry, shifted → move_left, close crop → move_back / move_up / move_left.
 */

/** The BlazeFace keypoint order in tasks-vision `Detection.keypoints` (subject's left/right). */
export const KEYPOINT = {
  rightEye: 0,
  leftEye: 1,
  noseTip: 2,
  mouth: 3,
  rightEar: 4,
  leftEar: 5,
} as const;

/**
 * 0.6, not MediaPipe's default 0.5: on the no-face clip the detector reports the coffee cup as a
 * face at score ~0.57 in 3–18 % of frames; real faces score ~0.93–0.96.
 */
export const MIN_DETECTION_CONFIDENCE = 0.6;

export const GUIDANCE_CONFIG = {
  faceSize: {
    /**
     * Tencent DetectAIFakeFaces asks for a face of at least 100×100 px, and BlazeFace (128×128
     * input) gets unreliable on smaller faces. The good clip's face is 117–154 px.
     */
    minBoxPx: 100,
    /**
     * 0.2 S (96 px at 480p, 144 px at 720p) keeps the face a meaningful part of the frame at any
     * resolution. Smile ID / Yoti ask for 0.35 of the frame, but measure a landmark box (hair to
     * chin); BlazeFace's box is tighter (brows to chin), and the good clip sits at 0.244–0.321 S.
     */
    minFractionOfShortSide: 0.2,
    /**
     * 0.6 S → "move back". The head (hair, ears) is ~1.4× the BlazeFace box, so at 0.6 S it already
     * fills ~85 % of the short side: closer than that the chin or the top of the head leaves the
     * frame and a phone's wide lens distorts the nose (Smile ID's upper bound is 0.62 on the
     * looser landmark box, Yoti's 0.8).
     */
    maxFractionOfShortSide: 0.6,
  },
  oval: {
    /**
     * Where the face should be, as fractions of the frame. Horizontally centred; vertically a bit
     * above the middle, the natural head-and-shoulders framing of a selfie (the good clip's face
     * centre sits at 0.34–0.40 H; Amplify randomises its centre within 7/16–9/16, Smile ID uses
     * (0.5, 0.6) for its own oval geometry). x = 0.5 also means the mirrored preview needs no
     * special case.
     */
    centerX: 0.5,
    centerY: 0.4,
    /**
     * Oval radii in S: 0.23 × 0.30 S (width 0.46 S, height 0.6 S, ratio 1.3). Sized for the whole
     * head (hair to chin, ~1.5× the BlazeFace box) of a face in the middle of the allowed size
     * band (box ~0.4 S); it is a target to aim at, not a size check (distance has its own band).
     */
    radiusX: 0.23,
    radiusY: 0.3,
    /**
     * The face centre must lie inside an ellipse with 0.55× the oval's radii (±0.127 S = ±61 px
     * horizontally, ±0.165 S = ±79 px vertically at 480p). The good clip's worst frame reaches
     * (dx/tx)² + (dy/ty)² = 0.55 (dx −0.08 S, dy −0.07 S), so its sway never leaves; a face much
     * further off visibly crosses the oval outline. Amplify uses IoU > 0.6 with its oval, Smile
     * ID a centre tolerance of 0.15–0.2 of the frame: the same order.
     */
    centreTolerance: 0.55,
  },
  brightness: {
    /**
     * Mean BT.601 luma (0–255) of a 64×48 sample of the whole frame. Webcams auto-expose towards
     * mid-grey, so only a really dim room stays below 70. Smile ID's 85 (centre region) would turn
     * away ordinary evening rooms; Yoti's floor is 40 (mean RGB). Good clip: 127–130; the clip
     * darkened with ffmpeg eq=brightness=-0.3:contrast=0.7 measures 46–48 and is turned away, the
     * dim one (eq=brightness=-0.18:contrast=0.85) 76–78 and still passes; the coffee clip 97–98.
     */
    minMeanLuma: 70,
    /**
     * Above 210 the frame is mostly blown out (a lamp or window behind/in front of the camera);
     * Yoti rejects a mean above 215. The clip brightened with eq=brightness=0.35:contrast=0.7
     * measures 217–218 and is turned away; the two-faces clip, the brightest real one, 136–145.
     */
    maxMeanLuma: 210,
  },
  sharpness: {
    /**
     * Laplacian variance of the 64×48 grey sample divided by the sample's own grey variance (see
     * frame-quality.ts: plain Laplacian variance scales with contrast², so the darkened clip, sharp
     * but flat, scored 689–960 against the good clip's 2 621–3 511 and would have read as blurry).
     * Measured ratio: good clip 0.58–0.80; dim / dark / bright variants 0.61–0.97; two faces
     * 0.45–0.68; coffee cup 0.53–0.61; the face shifted beside a black bar 0.38–0.46 (the lowest
     * sharp frame). Blurred with gblur sigma 5 / 10 (at 640×480): 0.27–0.35 / 0.10–0.14. 0.2 flags
     * the clearly blurred frame with a 2× margin to every sharp one; mild softness (sigma 5) still
     * passes, which the vendors tolerate. Smile ID uses plain Laplacian variance < 80 on its own
     * sample scale.
     */
    minRelativeSharpness: 0.2,
  },
  pose: {
    /**
     * Yaw: horizontal nose-tip offset from the eye midpoint, in inter-eye distances. ~0 when
     * frontal; ≈0.6·tan(yaw), so 0.3 ≈ 25–30°. Good clip: −0.11…−0.01.
     */
    maxYaw: 0.3,
    /**
     * Roll: tilt of the eye line in degrees. The good clip's head is tilted and its keypoints
     * jitter: 0.5–14°. 20° still lets the vendors' detectors align the face.
     */
    maxRollDeg: 20,
    /**
     * Pitch: (nose − eye line) / (mouth − eye line), vertically. ~0.5 when frontal (good clip
     * 0.46–0.58); it shrinks when looking up and grows when looking down. The band is wide because
     * six keypoints say little about pitch and faces differ.
     */
    minPitchRatio: 0.25,
    maxPitchRatio: 0.8,
  },
  /**
   * A new hint must be seen on 3 consecutive frames (~120 ms at 25 fps) before it replaces the
   * shown one. That hides single-frame detector misses (and the ~0.57-score false positives on
   * background objects that slip past the confidence filter) without making the UI feel slow.
   */
  holdFrames: 3,
} as const;

/**
 * Size of the grey sample the brightness and sharpness checks read (4:3 like most webcams; a
 * portrait or 16:9 frame is squeezed into it, which neither mean nor variance minds much).
 * 3 072 pixels: getImageData + both measures take well under 1 ms.
 */
export const FRAME_SAMPLE = { width: 64, height: 48 } as const;

export const AUTO_START_CONFIG = {
  /**
   * Every check must hold this long before the countdown starts: long enough that a face passing
   * through the oval does not trigger it, short enough not to feel stuck (Smile ID latches a pose
   * after 500 ms).
   */
  readyHoldMs: 500,
  /** 3-2-1: time to settle and see that recording is about to start (iProov waits 2 s). */
  countdownMs: 3000,
  /**
   * After this long in guiding without recording, a manual Record button appears for people the
   * checks keep failing (Smile ID: 10 s; Amplify gives up on the oval after 7 s). 15 s because we
   * still want most people to pass the checks.
   */
  manualFallbackMs: 15_000,
  /**
   * After this long without one good (`ready`) frame, tips for the problem at hand appear beside
   * the hint (light, distance, glasses, background, holding still): the "~15 s"; Smile ID
   * shows its fallback after 10 s. A good frame takes them away and restarts the clock.
   */
  tipsAfterMs: 15_000,
  /** How often the page tells the machine the time (drives the hold, countdown and fallback). */
  tickMs: 100,
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends number ? number : Widen<T[K]> };
export type GuidanceConfig = Widen<typeof GUIDANCE_CONFIG>;
export type AutoStartConfig = Widen<typeof AUTO_START_CONFIG>;
