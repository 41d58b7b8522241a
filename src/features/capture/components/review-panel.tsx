import { useEffect, useState } from 'react';
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
  useEffect(() => {
    const next = URL.createObjectURL(clip);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [clip]);

  return (
    <div data-testid="playback" className="flex flex-col gap-4 rounded-2xl bg-white p-6 ring-1 ring-slate-200">
      <h2 className="text-lg font-semibold">{t('review.heading')}</h2>
      {url ? (
        <video
          data-testid="playback-video"
          src={url}
          controls
          playsInline
          muted
          aria-label={t('review.player')}
          onError={onPlaybackFailed}
          className="mx-auto max-h-[50svh] w-full max-w-md rounded-xl bg-slate-900"
        />
      ) : null}
      {playbackFailed ? (
        <Notice tone="warning" role="status">
          {t('review.playbackFailed')}
        </Notice>
      ) : (
        <p className="text-sm text-slate-700">{t('review.body')}</p>
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
