/**
 * Desktop → phone: the session link as a QR code (drawn here by the `qrcode` package, nothing
 * fetched from elsewhere) and the phone's progress, which the handoff state polls for.
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import type { MessageKey } from '../../../lib/i18n/i18n';
import { Button, Notice, Spinner } from '../../../lib/ui';
import type { HandoffState, RemoteProgress } from '../machine/machine';

const PROGRESS_KEY: Record<RemoteProgress, MessageKey> = {
  waiting: 'handoff.waiting',
  opened: 'handoff.opened',
  expired: 'handoff.expired',
  cancelled: 'handoff.cancelled',
};

function QrCode({ text, label }: { text: string; label: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    // Its own chunk: only a page that hands off downloads it.
    void import('qrcode').then(({ toCanvas }) => {
      if (!cancelled && canvasRef.current)
        void toCanvas(canvasRef.current, text, { width: 232, margin: 2, errorCorrectionLevel: 'M' });
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  return (
    <canvas ref={canvasRef} role="img" aria-label={label} data-testid="handoff-qr" className="size-58 rounded-lg bg-white" />
  );
}

export function HandoffPanel({ state, url, onBack }: { state: HandoffState; url: string; onBack: () => void }) {
  const { t } = useI18n();
  const ended = state.remote === 'expired' || state.remote === 'cancelled';
  return (
    <div className="flex flex-col gap-4" data-testid="handoff" data-remote={state.remote}>
      {state.reason === 'no_camera' ? <p className="text-slate-700">{t('handoff.noCamera')}</p> : null}
      {ended ? null : (
        <>
          <p className="text-slate-700">{t('handoff.body')}</p>
          <div className="flex justify-center">
            <QrCode text={url} label={t('handoff.qr')} />
          </div>
          <p className="text-sm text-slate-700">
            {t('handoff.link')} <span className="font-mono break-all">{url}</span>
          </p>
        </>
      )}
      <Notice tone={ended ? 'warning' : 'info'} role="status" aria-live="polite">
        <span className="flex items-center gap-2">
          {ended ? null : <Spinner className="size-4" />}
          {t(PROGRESS_KEY[state.remote])}
        </span>
      </Notice>
      {state.reason === 'asked' && !ended ? (
        <Button variant="secondary" className="self-start" onClick={onBack}>
          {t('handoff.back')}
        </Button>
      ) : null}
    </div>
  );
}
