import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import { Button, Notice } from '../../../lib/ui';

/**
 * The `review` screen: the person plays the recording back, then sends it or records again. The
 * clip stays in memory (an object URL, revoked when the screen goes), so a retake loses nothing sent.
 */
export function ReviewPanel({
  clip,
  playbackFailed,
  onPlaybackFailed,
  onSend,
  onRetake,
}: {
  clip: Blob;
  playbackFailed: boolean;
  onPlaybackFailed: () => void;
  onSend: () => void;
  onRetake: () => void;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const togglePlay = () => {
    const v = videoRef.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => undefined);
    else v.pause();
  };
  useEffect(() => {
    const next = URL.createObjectURL(clip);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [clip]);

  return (
    <div data-testid="playback" className="flex flex-col gap-4 rounded-2xl bg-white p-6 ring-1 ring-slate-200">
      {url ? (
        // Mirrored like the live preview, so the person sees the picture they saw while recording.
        // Native controls would be mirrored with it: a play/pause button below stands in for them.
        <video
          ref={videoRef}
          data-testid="playback-video"
          src={url}
          autoPlay
          loop
          playsInline
          muted
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          aria-label={t('review.player')}
          onError={onPlaybackFailed}
          className="mx-auto max-h-[55svh] w-full max-w-md -scale-x-100 rounded-xl bg-slate-900"
        />
      ) : null}
      {url && !playbackFailed ? (
        <Button variant="secondary" className="min-h-10 self-center px-4 py-1.5 text-sm" onClick={togglePlay}>
          {t(playing ? 'review.pause' : 'review.play')}
        </Button>
      ) : null}
      {playbackFailed ? (
        <Notice tone="warning" role="status">
          {t('review.playbackFailed')}
        </Notice>
      ) : (
        <p className="text-base text-slate-700">{t('review.body')}</p>
      )}
      <div className="flex flex-col gap-3 sm:flex-row-reverse">
        <Button className="w-full sm:flex-1" onClick={onSend}>
          {t('review.send')}
        </Button>
        <Button className="w-full sm:w-auto" variant="secondary" onClick={onRetake}>
          {t('review.retake')}
        </Button>
      </div>
    </div>
  );
}
