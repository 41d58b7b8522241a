/** What the content probe learns from uploaded bytes (never from names or declared types). */

export interface VideoProbe {
  kind: 'video';
  container: 'mp4' | 'mov' | 'webm' | 'mkv';
  mime: string;
  /** 'h264', 'hevc', 'vp8', 'vp9', 'av1', or the raw fourcc/codec id when unknown. */
  codec: string;
  width: number;
  height: number;
  durationS: number;
  frameCount: number;
  /** Average frame rate: frameCount / durationS. */
  fps: number;
  hasAudio: boolean;
  /** Fragmented MP4 (MediaRecorder writes these) or a Matroska stream without a duration header. */
  fragmented: boolean;
  /** Display rotation from the track matrix, clockwise degrees. */
  rotation: 0 | 90 | 180 | 270;
}

export interface ImageProbe {
  kind: 'image';
  format: 'jpeg' | 'png';
  mime: string;
  width: number;
  height: number;
}

export type ProbeResult = VideoProbe | ImageProbe;

export type ProbeErrorCode =
  /** No known container signature (random bytes, text, an unknown format). */
  | 'unsupported_format'
  /** Signature is right but the structure is broken. */
  | 'corrupt_media'
  /** The file ends before its own structure says it should (cut-off upload). */
  | 'truncated_media'
  /** A container with no video track. */
  | 'no_video_track'
  /** The header's frame size is not the video stream's own (h264-sps.ts). */
  | 'dimension_mismatch';

export class ProbeError extends Error {
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}
