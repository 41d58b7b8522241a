import { useEffect, useRef } from 'react';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Button, SMALL_BUTTON } from '../../../lib/ui';
import { SHORTCUT_HELP } from '../shortcuts';

/** The `?` overlay: every case-page shortcut in one modal list (Escape or the button closes it). */
export function ShortcutsOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { t } = useReviewI18n();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-overlay"
      className="m-auto w-full max-w-md rounded-2xl bg-white p-5 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      <h2 id="shortcuts-title" className="mb-3 text-lg font-semibold">
        {t('shortcuts.title')}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{t('shortcuts.intro')}</p>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
        {SHORTCUT_HELP.map((s) => (
          <div key={s.action} className="contents">
            <dt>
              <kbd className="rounded bg-slate-100 px-1.5 py-0.5 font-mono ring-1 ring-slate-300">
                {s.action === 'playPause' ? t('shortcuts.kOrSpace') : s.keys}
              </kbd>
            </dt>
            <dd>{t(`shortcut.${s.action}`)}</dd>
          </div>
        ))}
      </dl>
      <Button variant="secondary" className={`mt-4 ${SMALL_BUTTON}`} onClick={onClose}>
        {t('shortcuts.close')}
      </Button>
    </dialog>
  );
}
