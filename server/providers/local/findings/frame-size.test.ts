/** The pure parts of the frame-size check: reading the decoder's log, the -max_pixels bound, the finding. */
import { describe, expect, it } from 'vitest';
import { buildDecodeArgs, maxPixelsFor, parseDecodedFrames, parseOversizedFrame, parseShowinfo } from '../frame-plan.js';
import type { ClipAnalysis } from '../types.js';
import { frameSizeFindings } from './frame-size.js';

const decodedLine = (s: string, fmt = 'yuv420p') =>
  `[showinfo@decoded @ 0x1f00] n:   0 pts:   1024 pts_time:0.08    pos: 6230 fmt:${fmt} sar:1/1 s:${s} i:P iskey:0 type:B`;

describe('reading the decoder log', () => {
  it('tells the decoded frames apart by filter name, even when they are grey (a monochrome stream)', () => {
    const lines = [
      '[Parsed_showinfo_3 @ 0x1e00] n:   0 pts:      0 pts_time:0       pos: 48 fmt:gray sar:1/1 s:64x64 i:P iskey:1 type:I',
      decodedLine('640x480', 'gray'),
    ];
    expect(parseDecodedFrames(lines)).toEqual([{ timeS: 0.08, format: 'gray', width: 640, height: 480 }]);
    expect(parseShowinfo(lines).grey).toHaveLength(1);
  });

  it('finds the size of a frame refused under -max_pixels', () => {
    const line =
      '[h264 @ 0x1] [IMGUTILS @ 0x2] Picture size 8000x8000 exceeds specified max pixel count 383744, see the documentation';
    expect(parseOversizedFrame(['other', line])).toEqual({ width: 8000, height: 8000 });
    expect(parseOversizedFrame(['Picture size 640x480 is fine'])).toBeUndefined();
  });

  it("bounds the decoder by the header's area plus 64 px a side, before the input", () => {
    const args = buildDecodeArgs({
      input: '/in',
      greyOut: '/g',
      rgbOut: '/r',
      jpegPattern: '/j_%03d.jpg',
      sampleIndices: [1],
      greySidePx: 64,
      longSidePx: 480,
      jpegQScale: 5,
      maxPixels: maxPixelsFor(640, 480),
    });
    expect(args.slice(args.indexOf('-max_pixels'), args.indexOf('-max_pixels') + 2)).toEqual(['-max_pixels', String(704 * 544)]);
    expect(args.indexOf('-max_pixels')).toBeLessThan(args.indexOf('-i'));
  });
});

describe('frameSizeFindings', () => {
  const analysis = (decodedSizes: ClipAnalysis['decodedSizes'], oversized?: ClipAnalysis['oversized']): ClipAnalysis => ({
    readable: true,
    decodedFrames: 75,
    frameTimesS: [],
    greyDiffs: [],
    declared: { durationS: 3, frameCount: 75, fps: 25, width: 640, height: 480, codec: 'vp8', container: 'webm' },
    samples: [],
    decodedSizes,
    ...(oversized ? { oversized } : {}),
    timingsMs: { decode: 1, detect: 1 },
  });

  it("finds nothing when the frames are the header's size, rounded or turned", () => {
    expect(
      frameSizeFindings(
        analysis([
          { width: 640, height: 480 },
          { width: 480, height: 640 },
          { width: 640, height: 496 },
        ]),
      ),
    ).toEqual([]);
  });

  it('reports frames of another size, and a refused oversized frame, with both sizes', () => {
    const [smaller] = frameSizeFindings(
      analysis([
        { width: 640, height: 480 },
        { width: 320, height: 240 },
      ]),
    );
    expect(smaller).toMatchObject({
      code: 'dimension_mismatch',
      evidence: { declared: { width: 640, height: 480 }, stream: { width: 320, height: 240 }, source: 'decoder' },
    });
    const [larger] = frameSizeFindings(analysis([{ width: 640, height: 480 }], { width: 1920, height: 1080 }));
    expect(larger?.evidence).toMatchObject({ stream: { width: 1920, height: 1080 } });
    expect(larger?.message).toMatch(/640×480.*1920×1080/);
  });
});
