/**
 * The frame size the header declares against the stream's own. A camera's recording never
 * disagrees with itself; a header edited to hide a far larger (or different) picture does, so a
 * disagreement is a sign of a crafted or re-muxed file, which no retake explains: suspected fake.
 */
import { sameFrameSize, type FrameSize } from '@contract/media/h264-sps.js';
import type { ClipAnalysis, Finding, FrameSizeMismatch } from '../types.js';

const TOLERANCE_PX = 16;

export function dimensionMismatchFinding({ declared, stream, source }: FrameSizeMismatch): Finding {
  const how = source === 'sps' ? 'its H.264 stream declares' : 'the decoder found';
  return {
    code: 'dimension_mismatch',
    message: `The clip's header says its frames are ${declared.width}×${declared.height}, but ${how} ${stream.width}×${stream.height}: the file was altered or assembled, not recorded as is.`,
    evidence: { declared, stream, source, tolerancePx: TOLERANCE_PX },
  };
}

/** On a decoded clip: a refused oversized frame, or sampled frames of another size than the header's. */
export function frameSizeFindings(a: ClipAnalysis): Finding[] {
  const declared: FrameSize = { width: a.declared.width, height: a.declared.height };
  const stream = a.oversized ?? a.decodedSizes.find((size) => !sameFrameSize(declared, size, TOLERANCE_PX));
  return stream ? [dimensionMismatchFinding({ declared, stream, source: 'decoder' })] : [];
}
