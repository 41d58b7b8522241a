import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaView } from '@contract/api';
import { Button, SMALL_BUTTON } from '../../../lib/ui';
import { boxesAt, type FaceTrack } from '../face-track';
import { frameLabel, probeFps, stepFrameTime } from '../frames';
import { useShortcuts } from '../shortcuts';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';

const DEFAULT_FPS = 30;

/**
 * The case video with frame stepping (buttons, and the , / . keys anywhere on the page outside a
 * form field; K or Space plays and pauses) and the capture's face-box track drawn over it, synced to the playhead.
 */
export function VideoPlayer({ media, track }: { media: MediaView; track?: FaceTrack | undefined }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(NaN);
  const [showBoxes, setShowBoxes] = useState(true);
  const { t } = useReviewI18n();
  const probedFps = probeFps(media.probe);
  const fps = probedFps ?? DEFAULT_FPS;

  // Follow the playhead every animation frame while playing (timeupdate alone is ~4 Hz).
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let raf = 0;
    const sync = () => setTime(video.currentTime);
    const loop = () => {
      sync();
      if (!video.paused && !video.ended) raf = requestAnimationFrame(loop);
    };
    const onPlay = () => {
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(loop);
    };
    const onMeta = () => setDuration(video.duration);
    video.addEventListener('play', onPlay);
    video.addEventListener('seeked', sync);
    video.addEventListener('timeupdate', sync);
    video.addEventListener('loadedmetadata', onMeta);
    video.addEventListener('durationchange', onMeta);
    return () => {
      cancelAnimationFrame(raf);
      video.removeEventListener('play', onPlay);
      video.removeEventListener('seeked', sync);
      video.removeEventListener('timeupdate', sync);
      video.removeEventListener('loadedmetadata', onMeta);
      video.removeEventListener('durationchange', onMeta);
    };
  }, []);

  const step = useCallback(
    (delta: number) => {
      const video = videoRef.current;
      if (!video) return;
      video.pause();
      const durationS = Number.isFinite(video.duration) ? video.duration : NaN;
      video.currentTime = stepFrameTime(video.currentTime, delta, fps, durationS);
      setTime(video.currentTime);
    },
    [fps],
  );

  const playPause = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    if (video.paused || video.ended) void video.play().catch(() => undefined);
    else video.pause();
  }, []);

  useShortcuts({ previousFrame: () => step(-1), nextFrame: () => step(1), playPause });

  const boxes = track && showBoxes ? boxesAt(track, time * 1000) : [];

  return (
    <div className="flex flex-col gap-2" data-testid="video-player">
      <div className="relative overflow-hidden rounded-xl bg-black">
        <video
          ref={videoRef}
          controls
          playsInline
          preload="auto"
          src={media.url}
          className="aspect-video w-full object-contain"
          aria-label={t('player.label')}
        />
        {track ? (
          <svg
            className="pointer-events-none absolute inset-0 size-full"
            viewBox={`0 0 ${track.width} ${track.height}`}
            preserveAspectRatio="xMidYMid meet"
            aria-hidden="true"
            data-testid="face-overlay"
            data-boxes={boxes.length}
          >
            {boxes.map((b, i) => (
              <rect
                key={i}
                x={b.x}
                y={b.y}
                width={b.w}
                height={b.h}
                fill="none"
                stroke="#facc15"
                strokeWidth={Math.max(2, track.width / 200)}
                rx={4}
              />
            ))}
          </svg>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t('player.stepping')}>
        <Button variant="secondary" className={SMALL_BUTTON} onClick={() => step(-1)} aria-keyshortcuts=",">
          ◀ {t('player.previous')}
        </Button>
        <Button variant="secondary" className={SMALL_BUTTON} onClick={() => step(1)} aria-keyshortcuts=".">
          {t('player.next')} ▶
        </Button>
        <span className="font-mono text-xs text-slate-700" data-testid="frame-readout" aria-live="off">
          {frameLabel(time, fps, duration)}
        </span>
        {track ? (
          <label className="ml-auto flex items-center gap-2 text-sm">
            <input type="checkbox" checked={showBoxes} onChange={(e) => setShowBoxes(e.target.checked)} className="size-4" />
            {t('player.boxes')}
          </label>
        ) : null}
      </div>
      <p className="text-xs text-slate-500">
        {t('player.keys')} <kbd className="rounded bg-slate-100 px-1">,</kbd> {t('player.keyPrevious')}{' '}
        <kbd className="rounded bg-slate-100 px-1">.</kbd> {t('player.keyNext')}{' '}
        <kbd className="rounded bg-slate-100 px-1">K</kbd> {t('player.keyPlay')}{' '}
        <kbd className="rounded bg-slate-100 px-1">?</kbd> {t('player.keyAll')}
        {probedFps
          ? ` · ${t('player.fpsProbe', { fps: Math.round(probedFps * 100) / 100 })}`
          : ` · ${t('player.fpsUnknown', { fps: DEFAULT_FPS })}`}
        {track ? ` · ${t('player.yellow')}` : ''}
      </p>
    </div>
  );
}
