/**
 * Camera labels that name a virtual camera: software that presents any video (a file, a screen, a
 * face-swap filter) to the browser as if it were a webcam. It is the usual way to inject a deepfake
 * into a live capture, so a label that names one is a deterministic reason to fail the screening.
 *
 * The label comes from the capture's own telemetry (MediaDeviceInfo.label), so it is only as honest
 * as the client; its absence proves nothing. Keep this list the one place such names live.
 */
const VIRTUAL_CAMERA_PATTERNS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'OBS Virtual Camera', pattern: /\bobs\b/i },
  { name: 'ManyCam', pattern: /manycam/i },
  { name: 'Snap Camera', pattern: /snap\s*camera/i },
  { name: 'XSplit VCam', pattern: /xsplit/i },
  { name: 'DroidCam', pattern: /droidcam/i },
  { name: 'iVCam', pattern: /\bivcam\b/i },
  { name: 'EpocCam', pattern: /epoccam/i },
  { name: 'Iriun Webcam', pattern: /iriun/i },
  { name: 'CamTwist', pattern: /camtwist/i },
  { name: 'SplitCam', pattern: /splitcam/i },
  { name: 'e2eSoft VCam', pattern: /e2esoft|\bvcam\b/i },
  { name: 'YouCam', pattern: /youcam/i },
  { name: 'Logi Capture / NVIDIA Broadcast virtual', pattern: /nvidia broadcast|logi capture/i },
  { name: 'mmhmm', pattern: /mmhmm/i },
  // Chromium's test camera: `--use-fake-device-for-media-stream` names it fake_device_0, and with
  // `--use-file-for-fake-video-capture=<file>` the label is the file's path. Both are a browser
  // started with test flags feeding it any video: flagged (the e2e suite's captures are, too).
  { name: 'Chromium fake device', pattern: /fake[_\s-]?(video|device|camera)/i },
  { name: 'Chromium file-fed fake camera', pattern: /\.(y4m|mjpe?g)$/i },
  { name: 'v4l2loopback (Linux)', pattern: /v4l2\s*loopback|dummy video device/i },
  // Catch-all last: many tools just say "Virtual Camera" / "VirtualCam".
  { name: 'virtual camera', pattern: /virtual\s*-?\s*cam/i },
];

/** The name of the virtual camera `label` matches, or undefined. */
export function matchVirtualCamera(label: string): string | undefined {
  return VIRTUAL_CAMERA_PATTERNS.find((p) => p.pattern.test(label))?.name;
}
