/** What the local screening accepts: whatever the capture app uploads, nothing vendor-specific. */
import type { MediaLimits } from '../types.js';
import { LOCAL_SCREENING_CONFIG } from './config.js';

export const LOCAL_MEDIA_LIMITS: MediaLimits = {
  preferred: 'video',
  video: {
    // What the capture records (MediaRecorder gives MP4 or WebM; Safari files may be MOV); ffmpeg.wasm reads all three.
    containers: ['mp4', 'mov', 'webm'],
    // Same window as the integrity check's own duration findings.
    durationS: { min: LOCAL_SCREENING_CONFIG.clip.minDurationS, max: LOCAL_SCREENING_CONFIG.clip.maxDurationS },
    // Accepted from 1 fps so that a slideshow reaches the screening and is reported, not bounced at upload.
    fps: { min: 1, max: 120 },
    maxLongSidePx: 1920,
    maxShortSidePx: 1920,
    // Decoding happens in memory in a wasm heap; 20 MB bounds that.
    maxBytes: 20_000_000,
    maxBytesAfterBase64: false,
    orientation: 'any',
  },
};
