/** What the content probe learns from uploaded bytes (never from names or declared types). */

export interface VideoProbe {
  kind: 'video';
  container: 'mp4' | 'mov' | 'webm' | 'mkv';
  mime: string;
  /** 'h264', 'hevc', 'vp8', 'vp9', 'av1', or the raw fourcc/codec id when unknown. */
  codec: string;
  width: number;
  height: number;
  /**
   * How long the video plays: an MP4/MOV edit list is applied (a lossless trim stores more than
   * it shows), and in Matroska the video's own blocks count when the Segment Duration is a longer
   * audio track's.
   */
  durationS: number;
  /** Frames shown (an edit list can skip stored ones). */
  frameCount: number;
  /**
   * Average frame rate: frameCount / durationS, except that where an edit starts part-way into
   * a frame it does not count, that partial frame's time is left out too.
   */
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

/**
 * Stray bytes after a complete file (an appended newline, a phone maker's trailer) are tolerated
 * up to this much. The cap keeps a broken size field early in a file from hiding the rest of it.
 */
export const MAX_TRAILING_BYTES = 16 * 1024;

export class ProbeError extends Error {
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}
