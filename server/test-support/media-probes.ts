import type { VideoProbe } from '@contract/media/types.js';

/** A probe result for fixtures that store case media without probing real bytes. */
export const TEST_VIDEO_PROBE: VideoProbe = {
  kind: 'video',
  container: 'mp4',
  mime: 'video/mp4',
  codec: 'h264',
  width: 640,
  height: 480,
  durationS: 3,
  frameCount: 90,
  fps: 30,
  hasAudio: false,
  fragmented: false,
  rotation: 0,
};
